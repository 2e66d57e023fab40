#!/usr/bin/env python3
"""Compare our compiled protos with the FileDescriptorProtos in the query-cache-protobuf wheel.

    compare_descriptors.py --descriptor-set SET.pb [--additions ADDITIONS.txt]

SET.pb is protoc's --descriptor_set_out (with --include_imports) for all files of our proto dir.
Every file of the wheel is compared, by file name, with ours: package, syntax, imports, messages
(recursively), fields, oneofs, enums and their values, reserved numbers/names, services and
methods, and the options of all of these. File options (java_package etc.) and json_name are
ignored: they do not change the wire. Fields listed in ADDITIONS.txt are accepted on our side,
and must be there.

Prints one line per difference, then `check-wire: N differences`. Exit 0 when N is 0, 1 when
not, 2 on errors (one line on stderr).
"""

import argparse
import importlib.metadata
import os
import sys
from typing import Dict, List

sys.dont_write_bytecode = True   # keep __pycache__ out of the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from google.protobuf import descriptor_pb2, text_format  # noqa: E402

import proto_additions  # noqa: E402
from proto_from_descriptors import WHEEL, RenderError, load_reference  # noqa: E402

F = descriptor_pb2.FieldDescriptorProto
# FieldDescriptorProto members that are compared on their own (or deliberately not at all).
FIELD_SPECIAL = {"name", "json_name", "oneof_index", "options"}


def opts_text(opts) -> str:
    return text_format.MessageToString(opts, as_one_line=True) or "(none)"


def by_name(items, what, where, out) -> Dict[str, object]:
    result = {}
    for item in items:
        if item.name in result:
            out.append(f"{where}: duplicate {what} {item.name}")
        result[item.name] = item
    return result


def value_text(field_desc, value) -> str:
    if field_desc.enum_type is not None:
        return field_desc.enum_type.values_by_number[value].name
    return repr(value)


class Comparer:
    def __init__(self, additions: List[proto_additions.Addition]):
        self.diffs: List[str] = []
        self.additions = {(a.message, a.field): a for a in additions}
        self.additions_seen = set()
        self.accepted = 0

    def diff(self, where: str, text: str) -> None:
        self.diffs.append(f"{where}: {text}")

    def compare_options(self, where, ref, ours) -> None:
        if ref.SerializeToString(deterministic=True) != ours.SerializeToString(deterministic=True):
            self.diff(where, f"options differ: reference {opts_text(ref)}; ours {opts_text(ours)}")

    def compare_file(self, ref, ours) -> None:
        w = ref.name
        for attr in ("package", "syntax", "edition"):
            if getattr(ref, attr) != getattr(ours, attr):
                self.diff(w, f"{attr} differs: reference {getattr(ref, attr)!r}, ours {getattr(ours, attr)!r}")
        # Import order is not part of the wire; the set of imports and their kinds are compared.
        for kind, attr in (("import", None), ("public import", "public_dependency"),
                           ("weak import", "weak_dependency")):
            if attr is None:
                r, o = set(ref.dependency), set(ours.dependency)
            else:
                r = {ref.dependency[i] for i in getattr(ref, attr)}
                o = {ours.dependency[i] for i in getattr(ours, attr)}
            for name in sorted(r - o):
                self.diff(w, f"{kind} {name!r} missing from ours")
            for name in sorted(o - r):
                self.diff(w, f"{kind} {name!r} not in the reference")
        self.compare_list(w, "extension", ref.extension, ours.extension)
        prefix = ref.package + "." if ref.package else ""
        self.compare_messages(w, prefix, ref.message_type, ours.message_type)
        self.compare_enums(w, prefix, ref.enum_type, ours.enum_type)
        rs = by_name(ref.service, "service", w, self.diffs)
        os_ = by_name(ours.service, "service", w, self.diffs)
        for name in sorted(set(rs) | set(os_)):
            if name not in os_:
                self.diff(w, f"service {prefix}{name} missing from ours")
            elif name not in rs:
                self.diff(w, f"service {prefix}{name} not in the reference")
            else:
                self.compare_service(f"{w}: service {prefix}{name}", rs[name], os_[name])

    def compare_list(self, where, what, ref, ours) -> None:
        """Generic comparison of rarely used repeated members (extensions, extension ranges)."""
        r = sorted(x.SerializeToString(deterministic=True) for x in ref)
        o = sorted(x.SerializeToString(deterministic=True) for x in ours)
        if r != o:
            self.diff(where, f"{what}s differ: reference {[text_format.MessageToString(x, as_one_line=True) for x in ref]}, "
                             f"ours {[text_format.MessageToString(x, as_one_line=True) for x in ours]}")

    def compare_messages(self, w, prefix, refs, ours) -> None:
        rm = by_name(refs, "message", w, self.diffs)
        om = by_name(ours, "message", w, self.diffs)
        for name in sorted(set(rm) | set(om)):
            if name not in om:
                self.diff(w, f"message {prefix}{name} missing from ours")
            elif name not in rm:
                self.diff(w, f"message {prefix}{name} not in the reference")
            else:
                self.compare_message(w, prefix + name, rm[name], om[name])

    def compare_enums(self, w, prefix, refs, ours) -> None:
        re_ = by_name(refs, "enum", w, self.diffs)
        oe = by_name(ours, "enum", w, self.diffs)
        for name in sorted(set(re_) | set(oe)):
            if name not in oe:
                self.diff(w, f"enum {prefix}{name} missing from ours")
            elif name not in re_:
                self.diff(w, f"enum {prefix}{name} not in the reference")
            else:
                self.compare_enum(f"{w}: enum {prefix}{name}", re_[name], oe[name])

    def compare_enum(self, where, ref, ours) -> None:
        self.compare_options(where, ref.options, ours.options)
        rv = by_name(ref.value, "enum value", where, self.diffs)
        ov = by_name(ours.value, "enum value", where, self.diffs)
        for name in sorted(set(rv) | set(ov)):
            if name not in ov:
                self.diff(where, f"value {name} = {rv[name].number} missing from ours")
            elif name not in rv:
                self.diff(where, f"value {name} = {ov[name].number} not in the reference")
            else:
                if rv[name].number != ov[name].number:
                    self.diff(where, f"value {name}: number differs: reference {rv[name].number}, "
                                     f"ours {ov[name].number}")
                self.compare_options(f"{where}: value {name}", rv[name].options, ov[name].options)
        self.compare_reserved(where, ref, ours)

    def compare_reserved(self, where, ref, ours) -> None:
        r = sorted((x.start, x.end) for x in ref.reserved_range)
        o = sorted((x.start, x.end) for x in ours.reserved_range)
        if r != o:
            self.diff(where, f"reserved ranges differ: reference {r}, ours {o}")
        if sorted(ref.reserved_name) != sorted(ours.reserved_name):
            self.diff(where, f"reserved names differ: reference {sorted(ref.reserved_name)}, "
                             f"ours {sorted(ours.reserved_name)}")

    @staticmethod
    def real_oneofs(m) -> Dict[int, str]:
        """oneof index -> name for real oneofs (not the synthetic ones of proto3 `optional`)."""
        result = {}
        for i, o in enumerate(m.oneof_decl):
            members = [f for f in m.field if f.HasField("oneof_index") and f.oneof_index == i]
            if not (len(members) == 1 and members[0].proto3_optional):
                result[i] = o.name
        return result

    def field_view(self, f, oneofs) -> Dict[str, str]:
        view = {}
        for fd, value in f.ListFields():
            if fd.name not in FIELD_SPECIAL:
                view[fd.name] = value_text(fd, value)
        # proto3 has no explicit LABEL_OPTIONAL vs unset distinction worth reporting
        view.setdefault("label", "LABEL_OPTIONAL")
        view.setdefault("proto3_optional", "False")
        view["oneof"] = oneofs.get(f.oneof_index, "(none)") if f.HasField("oneof_index") else "(none)"
        if f.proto3_optional:
            view["oneof"] = "(none)"   # its synthetic oneof is implied by proto3_optional
        return view

    def compare_message(self, w, full, ref, ours) -> None:
        where = f"{w}: message {full}"
        self.compare_options(where, ref.options, ours.options)
        self.compare_reserved(where, ref, ours)
        self.compare_list(where, "extension", ref.extension, ours.extension)
        self.compare_list(where, "extension range", ref.extension_range, ours.extension_range)
        ro, oo = self.real_oneofs(ref), self.real_oneofs(ours)
        for name in sorted(set(ro.values()) - set(oo.values())):
            self.diff(where, f"oneof {name} missing from ours")
        for name in sorted(set(oo.values()) - set(ro.values())):
            self.diff(where, f"oneof {name} not in the reference")
        for i, name in ro.items():
            j = next((k for k, v in oo.items() if v == name), None)
            if j is not None:
                self.compare_options(f"{where}: oneof {name}", ref.oneof_decl[i].options,
                                     ours.oneof_decl[j].options)
        rf = by_name(ref.field, "field", where, self.diffs)
        of = by_name(ours.field, "field", where, self.diffs)
        for name in sorted(set(rf) | set(of), key=lambda n: (rf.get(n) or of.get(n)).number):
            addition = self.additions.get((full, name))
            if addition is not None:
                self.additions_seen.add((full, name))
                if name in rf:
                    self.diff(where, f"listed addition {addition.describe()} ({addition.where}) "
                                     f"already exists in the reference; remove it from ADDITIONS.txt")
                elif name not in of:
                    pass   # reported below with the additions that are on neither side
                else:
                    problem = addition.matches(of[name])
                    if problem:
                        self.diff(where, f"field {name} = {of[name].number} does not match listed "
                                         f"addition {addition.describe()}: ours has {problem}")
                    else:
                        self.accepted += 1
                    continue
            if name not in of:
                self.diff(where, f"field {name} = {rf[name].number} missing from ours")
                continue
            if name not in rf:
                self.diff(where, f"field {name} = {of[name].number} not in the reference")
                continue
            rv, ov = self.field_view(rf[name], ro), self.field_view(of[name], oo)
            fw = f"{where}: field {name} = {rf[name].number}"
            for key in sorted(set(rv) | set(ov)):
                if rv.get(key) != ov.get(key):
                    self.diff(fw, f"{key} differs: reference {rv.get(key, '(unset)')}, "
                                  f"ours {ov.get(key, '(unset)')}")
            self.compare_options(fw, rf[name].options, of[name].options)
        for (message, name), addition in self.additions.items():
            if message == full and name not in rf and name not in of:
                self.additions_seen.add((message, name))
                self.diff(where, f"listed addition {addition.describe()} ({addition.where}) "
                                 "missing from ours")
        self.compare_messages(w, full + ".", ref.nested_type, ours.nested_type)
        self.compare_enums(w, full + ".", ref.enum_type, ours.enum_type)

    def compare_service(self, where, ref, ours) -> None:
        self.compare_options(where, ref.options, ours.options)
        rm = by_name(ref.method, "method", where, self.diffs)
        om = by_name(ours.method, "method", where, self.diffs)
        for name in sorted(set(rm) | set(om)):
            if name not in om:
                self.diff(where, f"rpc {name} missing from ours")
            elif name not in rm:
                self.diff(where, f"rpc {name} not in the reference")
            else:
                mw = f"{where}: rpc {name}"
                for attr in ("input_type", "output_type", "client_streaming", "server_streaming"):
                    r, o = getattr(rm[name], attr), getattr(om[name], attr)
                    if r != o:
                        self.diff(mw, f"{attr} differs: reference {r}, ours {o}")
                self.compare_options(mw, rm[name].options, om[name].options)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--descriptor-set", required=True)
    parser.add_argument("--additions", help="ADDITIONS.txt (missing file: no additions)")
    args = parser.parse_args(argv)
    try:
        additions = proto_additions.parse(args.additions) if args.additions else []
        with open(args.descriptor_set, "rb") as fh:
            ours_set = descriptor_pb2.FileDescriptorSet.FromString(fh.read())
        reference = load_reference()
        version = importlib.metadata.version(WHEEL)
    except (OSError, ValueError, RenderError, ImportError) as e:
        print(f"check-wire: error: {e}", file=sys.stderr)
        return 2
    ours = {fd.name: fd for fd in ours_set.file}
    comparer = Comparer(additions)
    for name in sorted(reference):
        if name not in ours:
            comparer.diffs.append(f"{name}: file missing from ours")
        else:
            comparer.compare_file(reference[name], ours[name])
    # Files imported from elsewhere (google/protobuf/*) are not ours to compare.
    own = {name for name in ours if not name.startswith("google/protobuf/")}
    for name in sorted(own - set(reference)):
        comparer.diffs.append(f"{name}: file not in the reference")
    for key, addition in comparer.additions.items():
        if key not in comparer.additions_seen:
            comparer.diffs.append(f"{addition.where}: listed addition {addition.describe()}: "
                                  "message not found in the reference")
    for line in comparer.diffs:
        print(line)
    print(f"compared {len(reference)} files with {WHEEL} {version}; "
          f"{comparer.accepted} listed additions accepted")
    print(f"check-wire: {len(comparer.diffs)} differences")
    return 1 if comparer.diffs else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception as e:  # exit 1 means "differences": anything unexpected is an error (2)
        print(f"check-wire: error: {type(e).__name__}: {e}", file=sys.stderr)
        sys.exit(2)
