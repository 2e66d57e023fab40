#!/usr/bin/env python3
"""Render .proto source files from the FileDescriptorProtos in the query-cache-protobuf wheel.

The wheel ships only generated Python (_pb2) modules; the serialized FileDescriptorProto inside
each one is the wire contract the dbt-state client speaks. This script turns those descriptors
back into proto3 source under OUT_DIR, one file per descriptor, at the descriptor's own path
(OUT_DIR/query_cache_protobuf/query_cache/shared.proto, ...) so that import lines stay valid.

It also adds the Java file options this project uses and the extra fields listed in
OUT_DIR/ADDITIONS.txt (see proto_additions.py). scripts/check-wire verifies the result.

Run it with the Python of the check-wire venv (pinned wheel + protobuf 6.x):

    . scripts/lib/maven.sh; . scripts/lib/proto_tools.sh
    "$(wire_venv)" scripts/lib/proto_from_descriptors.py proto
"""

import argparse
import importlib
import importlib.metadata
import os
import pkgutil
import sys
from typing import Dict, List, Optional

sys.dont_write_bytecode = True   # keep __pycache__ out of the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from google.protobuf import descriptor_pb2, descriptor_pool  # noqa: E402

import proto_additions  # noqa: E402

WHEEL = "query-cache-protobuf"
ROOT_PACKAGE = "query_cache_protobuf.query_cache"
JAVA_PACKAGE = "com.fivetran.query_cache"
# Files for which scripts/gen-proto writes no Java (their note is added to the header).
NO_JAVA = {
    "query_cache_protobuf/query_cache/services/health_service.proto":
        "The server uses grpc-java's own io.grpc.health.v1 classes (grpc-services) for this\n"
        "// service; scripts/gen-proto skips this file so the same proto symbols are not defined twice.",
}

F = descriptor_pb2.FieldDescriptorProto
SCALAR_NAMES = {v: k for k, v in proto_additions.SCALAR_TYPES.items()}
TYPE_KINDS = ("message", "enum")
AGGREGATE_KINDS = ("message", "enum", "service", "package")


class RenderError(Exception):
    pass


def load_reference() -> Dict[str, descriptor_pb2.FileDescriptorProto]:
    """All FileDescriptorProtos of the wheel, keyed by file name."""
    importlib.import_module("query_cache_protobuf")
    root = importlib.import_module(ROOT_PACKAGE)
    files = {}
    for info in pkgutil.walk_packages(root.__path__, ROOT_PACKAGE + "."):
        if not info.name.endswith("_pb2"):
            continue
        module = importlib.import_module(info.name)
        fd = descriptor_pb2.FileDescriptorProto.FromString(module.DESCRIPTOR.serialized_pb)
        files[fd.name] = fd
    if not files:
        raise RenderError(f"no _pb2 modules found under {ROOT_PACKAGE}")
    return files


def dependency_closure(files):
    """The given files plus everything they import (from the default pool), keyed by name."""
    result = dict(files)
    todo = [d for fd in files.values() for d in fd.dependency]
    while todo:
        name = todo.pop()
        if name in result:
            continue
        fd = descriptor_pb2.FileDescriptorProto()
        descriptor_pool.Default().FindFileByName(name).CopyToProto(fd)
        result[name] = fd
        todo.extend(fd.dependency)
    return result


def symbol_table(files) -> Dict[str, str]:
    """Full name (no leading dot) -> kind, for packages, messages, enums and services."""
    symbols: Dict[str, str] = {}

    def add_message(prefix, m):
        name = prefix + m.name
        symbols[name] = "message"
        for e in m.enum_type:
            symbols[name + "." + e.name] = "enum"
        for n in m.nested_type:
            add_message(name + ".", n)

    for fd in files.values():
        parts = fd.package.split(".") if fd.package else []
        for i in range(1, len(parts) + 1):
            symbols.setdefault(".".join(parts[:i]), "package")
        prefix = fd.package + "." if fd.package else ""
        for m in fd.message_type:
            add_message(prefix, m)
        for e in fd.enum_type:
            symbols[prefix + e.name] = "enum"
        for s in fd.service:
            symbols[prefix + s.name] = "service"
    return symbols


def resolve(symbols, partial: str, scope: str) -> Optional[str]:
    """What protoc resolves a relative type name to, seen from `scope` (the full name of the
    message or service that contains the reference). Mirrors protoc's scoping rules: search
    from the innermost scope outwards; a one-part name must hit a type, the first part of a
    compound name must hit an aggregate (and then the whole name must exist there)."""
    first = partial.split(".", 1)[0]
    compound = "." in partial
    s = scope
    while s:
        candidate = s + "." + first
        kind = symbols.get(candidate)
        if kind is not None:
            if compound and kind in AGGREGATE_KINDS:
                whole = s + "." + partial
                return whole if whole in symbols else None
            if not compound and kind in TYPE_KINDS:
                return candidate
        s = s.rpartition(".")[0]
    return partial if partial in symbols else None


def type_ref(symbols, full: str, scope: str) -> str:
    """The shortest name for type `full` (with leading dot) that resolves to it from `scope`."""
    target = full[1:]
    parts = target.split(".")
    for i in range(len(parts) - 1, -1, -1):
        partial = ".".join(parts[i:])
        if resolve(symbols, partial, scope) == target:
            return partial
    return full


def quote(s: str) -> str:
    out = []
    for ch in s:
        if ch in ('"', "\\"):
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif 32 <= ord(ch) < 127:
            out.append(ch)
        else:
            out.extend(f"\\{b:03o}" for b in ch.encode("utf-8"))
    return '"' + "".join(out) + '"'


def option_items(opts, skip=()) -> List[str]:
    """'name = value' for every option set on an options message (standard options only)."""
    items = []
    rest = type(opts)()
    rest.CopyFrom(opts)
    for fd, value in opts.ListFields():
        if fd.name in skip:
            rest.ClearField(fd.name)
            continue
        if fd.is_extension or fd.is_repeated or fd.message_type is not None:
            raise RenderError(f"cannot render option {fd.full_name} in {type(opts).__name__}")
        if fd.enum_type is not None:
            text = fd.enum_type.values_by_number[value].name
        elif isinstance(value, bool):
            text = "true" if value else "false"
        elif isinstance(value, str):
            text = quote(value)
        elif isinstance(value, bytes):
            text = quote(value.decode("latin-1"))
        else:
            text = repr(value)
        items.append(f"{fd.name} = {text}")
        rest.ClearField(fd.name)
    if rest.ByteSize():
        raise RenderError(f"unknown or custom options in {type(opts).__name__}: cannot render")
    return items


def bracket(opts, skip=()) -> str:
    items = option_items(opts, skip)
    return " [" + ", ".join(items) + "]" if items else ""


def option_lines(opts, indent: str, skip=()) -> List[str]:
    return [f"{indent}option {item};" for item in option_items(opts, skip)]


def reserved_lines(ranges, names, indent: str, max_value: int, end_inclusive: bool) -> List[str]:
    """`reserved` statements. DescriptorProto.ReservedRange.end is exclusive,
    EnumDescriptorProto.EnumReservedRange.end is inclusive."""
    lines = []
    if ranges:
        parts = []
        for r in ranges:
            last = r.end if end_inclusive else r.end - 1
            if last == r.start:
                parts.append(str(r.start))
            else:
                parts.append(f"{r.start} to {'max' if last >= max_value else last}")
        lines.append(f"{indent}reserved {', '.join(parts)};")
    if names:
        lines.append(f"{indent}reserved {', '.join(quote(n) for n in names)};")
    return lines


class Renderer:
    def __init__(self, symbols, field_comments):
        self.symbols = symbols
        self.field_comments = field_comments  # (message full name, field name) -> comment

    def field_type(self, f, scope) -> str:
        if f.type in (F.TYPE_MESSAGE, F.TYPE_ENUM):
            return type_ref(self.symbols, f.type_name, scope)
        if f.type == F.TYPE_GROUP or f.type not in SCALAR_NAMES:
            raise RenderError(f"{scope}.{f.name}: unsupported field type {F.Type.Name(f.type)}")
        return SCALAR_NAMES[f.type]

    def enum(self, e, indent: str) -> List[str]:
        lines = [f"{indent}enum {e.name} {{"]
        lines += option_lines(e.options, indent + "  ")
        for v in e.value:
            lines.append(f"{indent}  {v.name} = {v.number}{bracket(v.options)};")
        lines += reserved_lines(e.reserved_range, e.reserved_name, indent + "  ", 2**31 - 1, True)
        lines.append(f"{indent}}}")
        return lines

    def message(self, m, parent: str, indent: str) -> List[str]:
        full = parent + "." + m.name if parent else m.name
        if m.extension or m.extension_range:
            raise RenderError(f"{full}: extensions are not supported")
        lines = [f"{indent}message {m.name} {{"]
        inner = indent + "  "
        lines += option_lines(m.options, inner)
        map_entries = {}
        for n in m.nested_type:
            if n.options.map_entry:
                map_entries["." + full + "." + n.name] = n
        for e in m.enum_type:
            lines += self.enum(e, inner)
        for n in m.nested_type:
            if not n.options.map_entry:
                lines += self.message(n, full, inner)

        def is_synthetic(index):
            members = [f for f in m.field if f.HasField("oneof_index") and f.oneof_index == index]
            return len(members) == 1 and members[0].proto3_optional

        done_oneofs = set()
        i = 0
        fields = list(m.field)
        while i < len(fields):
            f = fields[i]
            if f.HasField("oneof_index") and not is_synthetic(f.oneof_index):
                index = f.oneof_index
                if index in done_oneofs:
                    raise RenderError(f"{full}: fields of oneof {m.oneof_decl[index].name} are not contiguous")
                done_oneofs.add(index)
                o = m.oneof_decl[index]
                lines.append(f"{inner}oneof {o.name} {{")
                lines += option_lines(o.options, inner + "  ")
                while i < len(fields) and fields[i].HasField("oneof_index") and fields[i].oneof_index == index:
                    lines += self.field(fields[i], full, inner + "  ", map_entries, in_oneof=True)
                    i += 1
                lines.append(f"{inner}}}")
                continue
            lines += self.field(f, full, inner, map_entries, in_oneof=False)
            i += 1
        lines += reserved_lines(m.reserved_range, m.reserved_name, inner, 2**29 - 1, False)
        lines.append(f"{indent}}}")
        return lines

    def field(self, f, scope, indent, map_entries, in_oneof) -> List[str]:
        lines = []
        comment = self.field_comments.get((scope, f.name))
        if comment:
            lines += [f"{indent}// {c}".rstrip() for c in comment.splitlines()]
        if f.label == F.LABEL_REQUIRED:
            raise RenderError(f"{scope}.{f.name}: required fields are not proto3")
        if f.HasField("default_value") or f.HasField("extendee"):
            raise RenderError(f"{scope}.{f.name}: default values/extensions are not proto3")
        entry = map_entries.get(f.type_name) if f.type == F.TYPE_MESSAGE else None
        if entry is not None:
            if f.label != F.LABEL_REPEATED:
                raise RenderError(f"{scope}.{f.name}: map entry type used by a non-repeated field")
            key = next(x for x in entry.field if x.number == 1)
            value = next(x for x in entry.field if x.number == 2)
            entry_scope = scope + "." + entry.name
            text = (f"map<{self.field_type(key, entry_scope)}, {self.field_type(value, scope)}> "
                    f"{f.name} = {f.number}")
        else:
            label = ""
            if f.label == F.LABEL_REPEATED:
                label = "repeated "
            elif f.proto3_optional:
                label = "optional "
            if in_oneof and label:
                raise RenderError(f"{scope}.{f.name}: oneof member with a label")
            text = f"{label}{self.field_type(f, scope)} {f.name} = {f.number}"
        lines.append(f"{indent}{text}{bracket(f.options)};")
        return lines

    def service(self, s, package: str) -> List[str]:
        full = package + "." + s.name if package else s.name
        lines = [f"service {s.name} {{"]
        lines += option_lines(s.options, "  ")
        for method in s.method:
            arg = ("stream " if method.client_streaming else "") + type_ref(self.symbols, method.input_type, full)
            ret = ("stream " if method.server_streaming else "") + type_ref(self.symbols, method.output_type, full)
            opts = option_lines(method.options, "    ")
            head = f"  rpc {method.name}({arg}) returns ({ret})"
            if opts:
                lines += [head + " {"] + opts + ["  }"]
            else:
                lines.append(head + ";")
        lines.append("}")
        return lines

    def file(self, fd, version: str) -> str:
        if fd.syntax != "proto3":
            raise RenderError(f"{fd.name}: syntax {fd.syntax or 'proto2'!r} is not supported")
        if fd.extension:
            raise RenderError(f"{fd.name}: extensions are not supported")
        out = [
            f"// Rendered from the FileDescriptorProto of {fd.name}",
            f"// in the PyPI wheel {WHEEL} {version} by scripts/lib/proto_from_descriptors.py.",
            "// Do not edit by hand: fields beyond the wheel go in proto/ADDITIONS.txt, then re-render.",
            "// scripts/check-wire compares these files with the wheel's descriptors.",
        ]
        if fd.name in NO_JAVA:
            out += ["//", "// " + NO_JAVA[fd.name]]
        out += ["", 'syntax = "proto3";', ""]
        if fd.package:
            out += [f"package {fd.package};", ""]
        public = set(fd.public_dependency)
        weak = set(fd.weak_dependency)
        if fd.dependency:
            for i, dep in enumerate(fd.dependency):
                kind = "public " if i in public else "weak " if i in weak else ""
                out.append(f"import {kind}{quote(dep)};")
            out.append("")
        # Java options are ours (they do not change the wire); other file options are copied.
        skip = ("java_multiple_files", "java_package")
        out.append("option java_multiple_files = true;")
        out.append(f"option java_package = {quote(JAVA_PACKAGE)};")
        out += option_lines(fd.options, "", skip)
        for e in fd.enum_type:
            out.append("")
            out += self.enum(e, "")
        for m in fd.message_type:
            out.append("")
            out += self.message(m, fd.package, "")
        for s in fd.service:
            out.append("")
            out += self.service(s, fd.package)
        return "\n".join(out) + "\n"


def find_message(fd, full_name: str):
    prefix = fd.package + "." if fd.package else ""
    if not full_name.startswith(prefix):
        return None
    parts = full_name[len(prefix):].split(".")
    candidates = fd.message_type
    found = None
    for part in parts:
        found = next((m for m in candidates if m.name == part), None)
        if found is None:
            return None
        candidates = found.nested_type
    return found


def apply_additions(files, additions, symbols, version: str) -> Dict[tuple, str]:
    """Add the listed fields to the descriptors; returns the comments to render on them."""
    comments = {}
    for a in additions:
        target = None
        for fd in files.values():
            target = find_message(fd, a.message)
            if target is not None:
                break
        if target is None:
            raise RenderError(f"{a.where}: message {a.message} not found in the wheel")
        for f in target.field:
            if f.name == a.field or f.number == a.number:
                raise RenderError(
                    f"{a.where}: {a.describe()} already exists in the wheel as field "
                    f"{f.name} = {f.number}; remove it from ADDITIONS.txt")
        if a.number in {n for r in target.reserved_range for n in range(r.start, r.end)}:
            raise RenderError(f"{a.where}: number {a.number} is reserved in {a.message}")
        field = a.to_field()
        if field.type_name:
            kind = symbols.get(field.type_name[1:])
            if kind not in TYPE_KINDS:
                raise RenderError(f"{a.where}: unknown type {field.type_name}")
            field.type = F.TYPE_ENUM if kind == "enum" else F.TYPE_MESSAGE
        if a.label == "optional":
            field.oneof_index = len(target.oneof_decl)
            target.oneof_decl.add(name="_" + a.field)
        target.field.append(field)
        text = f"Addition beyond {WHEEL} {version} (listed in proto/ADDITIONS.txt)"
        comments[(a.message, a.field)] = text + (": " + a.reason if a.reason else ".")
    return comments


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", help="directory to write the .proto files into (e.g. proto)")
    args = parser.parse_args(argv)
    try:
        version = importlib.metadata.version(WHEEL)
        files = load_reference()
        symbols = symbol_table(dependency_closure(files))
        additions = proto_additions.parse(os.path.join(args.out_dir, "ADDITIONS.txt"))
        comments = apply_additions(files, additions, symbols, version)
        renderer = Renderer(symbols, comments)
        rendered = {name: renderer.file(fd, version) for name, fd in sorted(files.items())}
    except (RenderError, ValueError) as e:
        print(f"proto_from_descriptors: {e}", file=sys.stderr)
        return 2
    for name, text in rendered.items():
        path = os.path.join(args.out_dir, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
