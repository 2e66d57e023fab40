"""Reader for proto/ADDITIONS.txt: fields our protos carry beyond the reference wheel.

Used by proto_from_descriptors.py (which writes the listed fields into the rendered .proto files)
and by compare_descriptors.py (which accepts exactly these fields and nothing else).

Line format (blank lines and lines starting with '#' are ignored):

    <message full name> <field name> <number> [optional|repeated] <type>  [# reason]

<type> is a scalar type (bool, string, int64, ...) or a fully qualified message/enum name with a
leading dot (.com.fivetran.query_cache.TableSchema). The text after '#' is copied into the
rendered .proto as a comment on the field.
"""

from typing import List, NamedTuple, Optional

from google.protobuf import descriptor_pb2

_F = descriptor_pb2.FieldDescriptorProto

SCALAR_TYPES = {
    "double": _F.TYPE_DOUBLE,
    "float": _F.TYPE_FLOAT,
    "int64": _F.TYPE_INT64,
    "uint64": _F.TYPE_UINT64,
    "int32": _F.TYPE_INT32,
    "fixed64": _F.TYPE_FIXED64,
    "fixed32": _F.TYPE_FIXED32,
    "bool": _F.TYPE_BOOL,
    "string": _F.TYPE_STRING,
    "bytes": _F.TYPE_BYTES,
    "uint32": _F.TYPE_UINT32,
    "sfixed32": _F.TYPE_SFIXED32,
    "sfixed64": _F.TYPE_SFIXED64,
    "sint32": _F.TYPE_SINT32,
    "sint64": _F.TYPE_SINT64,
}


class Addition(NamedTuple):
    message: str          # full name without leading dot, e.g. com.fivetran.query_cache.Foo
    field: str
    number: int
    label: str            # "", "optional" or "repeated"
    type: str             # scalar name or ".full.TypeName"
    reason: str
    where: str            # "path:line" for messages

    def describe(self) -> str:
        label = self.label + " " if self.label else ""
        return f"{self.message}.{self.field} = {self.number} ({label}{self.type})"

    def matches(self, field: descriptor_pb2.FieldDescriptorProto) -> Optional[str]:
        """None when `field` is exactly this addition, else what differs."""
        problems = []
        if field.name != self.field:
            problems.append(f"name {field.name!r}")
        if field.number != self.number:
            problems.append(f"number {field.number}")
        want_label = _F.LABEL_REPEATED if self.label == "repeated" else _F.LABEL_OPTIONAL
        if field.label != want_label:
            problems.append(f"label {_F.Label.Name(field.label)}")
        if field.proto3_optional != (self.label == "optional"):
            problems.append(f"proto3_optional {field.proto3_optional}")
        if self.type in SCALAR_TYPES:
            if field.type != SCALAR_TYPES[self.type] or field.type_name:
                problems.append(f"type {_F.Type.Name(field.type)} {field.type_name}".rstrip())
        elif field.type not in (_F.TYPE_MESSAGE, _F.TYPE_ENUM) or field.type_name != self.type:
            problems.append(f"type {_F.Type.Name(field.type)} {field.type_name}".rstrip())
        return ", ".join(problems) if problems else None

    def to_field(self) -> descriptor_pb2.FieldDescriptorProto:
        """The field as protoc would describe it (type_name of message/enum types left unknown
        as to kind: callers that need TYPE_ENUM vs TYPE_MESSAGE must resolve it)."""
        f = _F(name=self.field, number=self.number)
        f.label = _F.LABEL_REPEATED if self.label == "repeated" else _F.LABEL_OPTIONAL
        if self.label == "optional":
            f.proto3_optional = True
        if self.type in SCALAR_TYPES:
            f.type = SCALAR_TYPES[self.type]
        else:
            f.type = _F.TYPE_MESSAGE
            f.type_name = self.type
        return f


def parse(path: str) -> List[Addition]:
    """Parse an additions file. A missing file means no additions. Raises ValueError."""
    try:
        with open(path, encoding="utf-8") as fh:
            lines = fh.read().splitlines()
    except FileNotFoundError:
        return []
    result: List[Addition] = []
    seen = set()
    for lineno, raw in enumerate(lines, 1):
        where = f"{path}:{lineno}"
        body, _, reason = raw.partition("#")
        body = body.strip()
        if not body:
            continue
        parts = body.split()
        label = ""
        if len(parts) == 5 and parts[3] in ("optional", "repeated"):
            label = parts.pop(3)
        if len(parts) != 4:
            raise ValueError(f"{where}: expected '<message> <field> <number> [optional|repeated] <type>'")
        message, field, number, typ = parts
        if message.startswith("."):
            message = message[1:]
        if not number.isdigit() or not 1 <= int(number) <= 536870911:
            raise ValueError(f"{where}: bad field number {number!r}")
        if typ not in SCALAR_TYPES and not (typ.startswith(".") and len(typ) > 1):
            raise ValueError(f"{where}: type {typ!r} is neither a scalar type nor a fully qualified "
                             "name with a leading dot")
        key = (message, field)
        if key in seen or (message, int(number)) in seen:
            raise ValueError(f"{where}: {message}.{field} / number {number} listed twice")
        seen.add(key)
        seen.add((message, int(number)))
        result.append(Addition(message, field, int(number), label, typ, reason.strip(), where))
    return result
