"""Read-only Kubernetes helpers shared by rules: pod spec, containers, images, quantities."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from decimal import ROUND_CEILING, Decimal, DecimalException, InvalidOperation
from typing import Any, Literal, NamedTuple, TypeGuard

from dslint.api import Manifest, Path, value_at

POD_TEMPLATE: Path = ("spec", "template")
POD_SPEC: Path = ("spec", "template", "spec")

ContainerKind = Literal["container", "init", "sidecar"]


class ContainerRef(NamedTuple):
    """A container of the pod template with the path that leads to it."""

    path: Path
    data: Mapping[str, Any]
    kind: ContainerKind

    @property
    def name(self) -> str:
        value = self.data.get("name")
        return value if isinstance(value, str) else f"#{self.path[-1]}"

    @property
    def is_init(self) -> bool:
        """True for init containers that run to completion before the others (not sidecars)."""
        return self.kind == "init"

    def describe(self) -> str:
        """How messages name the container: `container "agent"`, `init container "setup"`."""
        label = {"container": "container", "init": "init container", "sidecar": "sidecar"}
        return f'{label[self.kind]} "{self.name}"'


def pod_spec(manifest: Manifest) -> Mapping[str, Any]:
    return manifest.mapping(POD_SPEC)


def containers(manifest: Manifest, *, include_init: bool = True) -> Iterator[ContainerRef]:
    """Every container of the pod template: regular ones first, then init and sidecar ones.

    An init container with `restartPolicy: Always` is a sidecar: it keeps running beside the
    regular containers, so probes and long-running concerns apply to it.
    """
    found: tuple[ContainerRef, ...] | None = manifest.derived.get("containers")
    if found is None:
        found = manifest.derived["containers"] = tuple(_find_containers(manifest))
    for container in found:
        if include_init or container.kind == "container":
            yield container


def _find_containers(manifest: Manifest) -> Iterator[ContainerRef]:
    spec = pod_spec(manifest)
    regular = spec.get("containers")
    if isinstance(regular, list):
        for index, item in enumerate(regular):
            if isinstance(item, dict):
                yield ContainerRef((*POD_SPEC, "containers", index), item, "container")
    init = spec.get("initContainers")
    if isinstance(init, list):
        for index, item in enumerate(init):
            if isinstance(item, dict):
                kind: ContainerKind = "sidecar" if item.get("restartPolicy") == "Always" else "init"
                yield ContainerRef((*POD_SPEC, "initContainers", index), item, kind)


# --- lists of entries ---------------------------------------------------------------------------


def list_entries(data: Mapping[str, Any], key: str) -> Iterator[tuple[int, Mapping[str, Any]]]:
    """The mappings in the list under `key` (ports, mounts, env, volumes), with their index.

    A missing or mistyped list gives nothing, and an item that is not a mapping is skipped: a
    wrong type is the schema's finding, not every rule's.
    """
    items = data.get(key)
    if isinstance(items, list):
        for index, item in enumerate(items):
            if isinstance(item, dict):
                yield index, item


def repeated_values(
    data: Mapping[str, Any], key: str, field: str
) -> Iterator[tuple[int, str, int]]:
    """Entries of the list under `key` whose `field` repeats an earlier entry's.

    Yields (index, value, index of the first entry with that value); only non-empty strings
    count (a missing or empty name is another rule's finding).
    """
    first: dict[str, int] = {}
    for index, entry in list_entries(data, key):
        value = entry.get(field)
        if not isinstance(value, str) or not value:
            continue
        if value in first:
            yield index, value, first[value]
        else:
            first[value] = index


def container_ports(
    manifest: Manifest, *, include_init: bool = True
) -> Iterator[tuple[ContainerRef, Path, Mapping[str, Any]]]:
    """Every port entry of every container: (container, path of the entry, the entry)."""
    for container in containers(manifest, include_init=include_init):
        for index, port in list_entries(container.data, "ports"):
            yield container, (*container.path, "ports", index), port


def long_running_containers(
    manifest: Manifest, exempt_images: tuple[str, ...] = ()
) -> Iterator[ContainerRef]:
    """Containers that run beside the pod for its life (regular ones and sidecars, not init
    containers that run to completion), except those whose image name is exempt (`pause`)."""
    for container in containers(manifest):
        if not container.is_init and image_name(container) not in exempt_images:
            yield container


def containers_lacking(
    manifest: Manifest, section: str, resource: str, exempt_images: tuple[str, ...] = ()
) -> Iterator[tuple[ContainerRef, Path]]:
    """Long-running containers whose `resources.<section>` (limits, requests) has no `resource`,
    each with where to report it."""
    for container in long_running_containers(manifest, exempt_images):
        if value_at(container.data, ("resources", section, resource)) is None:
            yield container, where_missing(container, "resources", section)


def where_missing(container: ContainerRef, *keys: str) -> Path:
    """Where to report that `keys` (e.g. resources, limits) lack something in a container.

    The deepest of them that exists, so an incomplete section is pointed at; the container's
    name when the first is missing too.
    """
    node: Any = container.data
    depth = 0
    for key in keys:
        if not isinstance(node, dict) or key not in node:
            break
        node = node[key]
        depth += 1
    return (*container.path, *keys[:depth]) if depth else (*container.path, "name")


# --- images -------------------------------------------------------------------------------------


class ImageRef(NamedTuple):
    """A parsed image reference. `registry` is None for Docker Hub short names."""

    registry: str | None
    repository: str
    tag: str | None
    digest: str | None

    @property
    def is_pinned(self) -> bool:
        return self.digest is not None


_DIGEST = re.compile(r"^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$")


def parse_image(reference: str) -> ImageRef:
    """Split an image reference the way container runtimes do.

    The first path component is a registry only when it contains `.` or `:` or is `localhost`;
    so in `registry:5000/app` the `:5000` is a port, not a tag. A tag is the part after the last
    `:` of the last path component; a digest follows `@`.
    """
    rest = reference.strip()
    digest: str | None = None
    if "@" in rest:
        rest, digest = rest.split("@", 1)
    registry: str | None = None
    first, slash, remainder = rest.partition("/")
    if slash and ("." in first or ":" in first or first == "localhost"):
        registry, rest = first, remainder
    tag: str | None = None
    last_slash = rest.rfind("/")
    colon = rest.rfind(":")
    if colon > last_slash:
        rest, tag = rest[:colon], rest[colon + 1 :]
    return ImageRef(registry, rest, tag, digest)


def is_valid_digest(digest: str) -> bool:
    return bool(_DIGEST.match(digest))


# The grammar container runtimes parse references with (distribution/reference): a reference
# that does not match can never be pulled, and the kubelet reports `InvalidImageName`.
_PATH_COMPONENT = re.compile(r"^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$")
_DOMAIN = re.compile(
    r"^(?:[A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9])"
    r"(?:\.(?:[A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9]))*(?::[0-9]+)?$"
    r"|^\[[0-9A-Fa-f:.]+\](?::[0-9]+)?$"
)
_TAG = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")
_NAME_MAX = 255


def image_reference_error(reference: str) -> str | None:
    """Why a container image reference can never be pulled, or None when its syntax is valid."""
    if reference != reference.strip():
        return None  # leading or trailing space is an API rejection, reported elsewhere
    if not reference:
        return "the reference is empty"
    rest, at, digest = reference.partition("@")
    if at and not is_valid_digest(digest):
        return f"{digest!r} is not a digest (algorithm:hex, such as sha256: and 64 hex digits)"
    if at and digest.startswith("sha256:") and len(digest) != len("sha256:") + 64:
        return "a sha256 digest has exactly 64 hex digits"
    name, tag = rest, None
    last_slash = rest.rfind("/")
    colon = rest.rfind(":")
    if colon > last_slash:
        name, tag = rest[:colon], rest[colon + 1 :]
    if tag is not None and not _TAG.match(tag):
        return "the tag is empty" if tag == "" else f"the tag {tag!r} is not a valid tag"
    if len(name) > _NAME_MAX:
        return f"the repository name is longer than {_NAME_MAX} characters"
    parts = name.split("/")
    if len(parts) > 1 and ("." in parts[0] or ":" in parts[0] or parts[0] == "localhost"):
        if not _DOMAIN.match(parts[0]):
            return f"{parts[0]!r} is not a registry host"
        parts = parts[1:]
    for part in parts:
        if part != part.lower() and _PATH_COMPONENT.match(part.lower()):
            return "the repository name must be lowercase"
        if not _PATH_COMPONENT.match(part):
            return f"{part!r} is not a valid repository path component"
    return None


# --- quantities -----------------------------------------------------------------------------------

# The form the API server accepts (`resource.ParseQuantity`): a signed decimal number, then an
# optional binary suffix (Ki..Ei), decimal suffix (n, u, m, k, M, G, T, P, E) or exponent (e3, E-2).
_QUANTITY = re.compile(
    r"^(?P<number>[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))"
    r"(?P<suffix>Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?$"
)
_BINARY = {"Ki": 2**10, "Mi": 2**20, "Gi": 2**30, "Ti": 2**40, "Pi": 2**50, "Ei": 2**60}
_DECIMAL = {
    "n": Decimal("1e-9"),
    "u": Decimal("1e-6"),
    "m": Decimal("1e-3"),
    "": Decimal(1),
    "k": Decimal("1e3"),
    "M": Decimal("1e6"),
    "G": Decimal("1e9"),
    "T": Decimal("1e12"),
    "P": Decimal("1e15"),
    "E": Decimal("1e18"),
}


def parse_quantity(value: object) -> Decimal | None:
    """The value of a Kubernetes quantity (`500m`, `1Gi`, `2`, `1e3`), or None when invalid.

    Integers and floats from YAML are accepted as the API server accepts JSON numbers.
    Booleans are not quantities.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        try:
            number = Decimal(repr(value))
        except InvalidOperation:
            return None
        return number if number.is_finite() else None  # .nan and .inf are no quantities
    if not isinstance(value, str):
        return None
    match = _QUANTITY.match(value)
    if not match:
        return None
    try:
        number = Decimal(match["number"])
    except InvalidOperation:
        return None
    suffix = match["suffix"] or ""
    if suffix in _BINARY:
        return number * _BINARY[suffix]
    if suffix in _DECIMAL:
        return number * _DECIMAL[suffix]
    try:
        return number * (Decimal(10) ** int(suffix[1:]))
    except DecimalException:  # an exponent such as e999999999 overflows
        return None


STANDARD_RESOURCES = frozenset({"cpu", "memory", "ephemeral-storage", "storage"})


def is_extended_resource(name: str) -> bool:
    """Extended resources (`nvidia.com/gpu`) are fully qualified names outside `kubernetes.io`."""
    if name in STANDARD_RESOURCES or name.startswith("hugepages-"):
        return False
    domain = name.split("/", 1)[0] if "/" in name else ""
    return bool(domain) and not (
        domain == "kubernetes.io" or domain.endswith(".kubernetes.io") or domain == "requests"
    )


# --- labels and selectors -----------------------------------------------------------------------


def selector_matches(selector: Mapping[str, Any], labels: Mapping[str, Any]) -> bool:
    """Whether a LabelSelector selects `labels` (matchLabels AND every matchExpression)."""
    match_labels = selector.get("matchLabels")
    if isinstance(match_labels, dict):
        for key, value in match_labels.items():
            if labels.get(key) != value:
                return False
    expressions = selector.get("matchExpressions")
    if isinstance(expressions, list):
        for expression in expressions:
            if isinstance(expression, dict) and not expression_matches(expression, labels):
                return False
    return True


def expression_matches(expression: Mapping[str, Any], labels: Mapping[str, Any]) -> bool:
    """One matchExpression: `NotIn` and `DoesNotExist` match when the key is absent."""
    key = str(expression.get("key"))
    operator = expression.get("operator")
    values = expression.get("values")
    value_list = [str(v) for v in values] if isinstance(values, list) else []
    present = key in labels
    if operator == "In":
        return present and str(labels[key]) in value_list
    if operator == "NotIn":
        return not present or str(labels[key]) not in value_list
    if operator == "Exists":
        return present
    if operator == "DoesNotExist":
        return not present
    return False


# --- kinds ------------------------------------------------------------------------------------

DAEMONSET_KIND = "DaemonSet"


def near_miss_kind(kind: str) -> bool:
    """`Daemonset`, `daemonset`, `DaemonSets`, `daemon-set`: meant as a DaemonSet, but not one."""
    folded = kind.lower().replace("-", "").replace("_", "").replace(" ", "")
    return kind != DAEMONSET_KIND and folded in ("daemonset", "daemonsets")


def looks_like_daemonset(obj: Mapping[str, Any]) -> bool:
    """Objects the rules look at: DaemonSets, and objects that were meant to be one."""
    kind = obj.get("kind")
    return isinstance(kind, str) and (kind == DAEMONSET_KIND or near_miss_kind(kind))


# --- API server field paths and name syntax ------------------------------------------------------
# The API server reports each problem as `<field path>: <Type>[: <value>][: <detail>]`; messages
# that reproduce it let users search for the text they would see from `kubectl apply`.


def field_path(path: Path) -> str:
    """A path as the API server writes it: `spec.template.spec.volumes[1].name`."""
    text = ""
    for step in path:
        if isinstance(step, int) and not isinstance(step, bool):
            text += f"[{step}]"
        else:
            text += f".{step}" if text else str(step)
    return text


_NO_VALUE = object()


def go_quote(value: object) -> str:
    """A value as Go's `%q` / `%v` prints it in API errors: strings quoted, numbers bare."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        return f'"{escaped}"'
    return str(value)


def api_error(path: Path, error_type: str, detail: str = "", value: object = _NO_VALUE) -> str:
    """One API server error, e.g. `spec.template.spec.volumes[1].name: Duplicate value: "data"`."""
    parts = [field_path(path), error_type]
    if value is not _NO_VALUE:
        parts.append(go_quote(value))
    if detail:
        parts.append(detail)
    return ": ".join(parts)


_DNS1123_LABEL = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
_DNS1123_SUBDOMAIN = re.compile(
    r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"
)
_QUALIFIED_NAME_PART = re.compile(r"^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$")
_LABEL_VALUE = re.compile(r"^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$")

DNS1123_LABEL_MESSAGE = (
    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', "
    "and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', "
    "regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
)
DNS1123_SUBDOMAIN_MESSAGE = (
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or "
    "'.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used "
    "for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
)
_QUALIFIED_NAME_DETAIL = (
    "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
    "alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for "
    "validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
)
LABEL_VALUE_MESSAGE = (
    "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or "
    "'.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or "
    "'my_value',  or '12345', regex used for validation is "
    "'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"
)


def dns1123_label_errors(value: str) -> list[str]:
    """Why `value` is not an RFC 1123 label (volume, container, hostname), in the API's words."""
    errors = []
    if len(value) > 63:
        errors.append("must be no more than 63 characters")
    if not _DNS1123_LABEL.match(value):
        if _DNS1123_SUBDOMAIN.match(value):
            errors.append("must not contain dots")
        else:
            errors.append(DNS1123_LABEL_MESSAGE)
    return errors


def dns1123_subdomain_errors(value: str) -> list[str]:
    """Why `value` is not an RFC 1123 subdomain (object and class names), in the API's words."""
    errors = []
    if len(value) > 253:
        errors.append("must be no more than 253 characters")
    if not _DNS1123_SUBDOMAIN.match(value):
        errors.append(DNS1123_SUBDOMAIN_MESSAGE)
    return errors


def qualified_name_errors(value: str) -> list[str]:
    """Why `value` is not a qualified name (label keys, condition types), in the API's words."""
    parts = value.split("/")
    if len(parts) > 2:
        return [
            f"a qualified name {_QUALIFIED_NAME_DETAIL} with an optional DNS subdomain prefix "
            "and '/' (e.g. 'example.com/MyName')"
        ]
    errors = []
    name = parts[-1]
    if len(parts) == 2:
        prefix = parts[0]
        if not prefix:
            errors.append("prefix part must be non-empty")
        else:
            errors.extend(f"prefix part {message}" for message in dns1123_subdomain_errors(prefix))
    if not name:
        errors.append("name part must be non-empty")
    elif len(name) > 63:
        errors.append("name part must be no more than 63 characters")
    if name and not _QUALIFIED_NAME_PART.match(name):
        errors.append(f"name part {_QUALIFIED_NAME_DETAIL}")
    return errors


def label_value_errors(value: str) -> list[str]:
    """Why `value` is not a label value (empty is allowed), in the API's words."""
    errors = []
    if len(value) > 63:
        errors.append("must be no more than 63 characters")
    if not _LABEL_VALUE.match(value):
        errors.append(LABEL_VALUE_MESSAGE)
    return errors


def is_int(value: object) -> TypeGuard[int]:
    """A YAML integer (booleans are not numbers to the API server)."""
    return isinstance(value, int) and not isinstance(value, bool)


def go_label_map(labels: object) -> str:
    """Labels as the API server prints them in errors (Go `%#v` of `map[string]string`).

    Keys are sorted; a missing map prints as `map[string]string(nil)`.
    """
    if not isinstance(labels, Mapping):
        return "map[string]string(nil)"
    entries = ", ".join(
        f"{go_quote(str(key))}:{go_quote(str(value))}"
        for key, value in sorted(labels.items(), key=lambda item: str(item[0]))
    )
    return f"map[string]string{{{entries}}}"


def regex_error(message: str, pattern: str, *examples: str) -> str:
    """The API server's wording for a value that fails a pattern, examples included.

    Kept character for character (including the double space before each `or`), so users can
    search for the text `kubectl apply` prints.
    """
    if not examples:
        return f"{message} (regex used for validation is '{pattern}')"
    shown = " or ".join(f"'{example}', " for example in examples)
    return f"{message} (e.g. {shown}regex used for validation is '{pattern}')"


_PORT_NAME_CHARSET = re.compile(r"^[-a-z0-9]+$")
_PORT_NAME_LETTER = re.compile(r"[a-z]")


def port_name_errors(value: str) -> list[str]:
    """Why `value` is not an IANA_SVC_NAME (container port names, named probe ports)."""
    errors = []
    if len(value) > 15:
        errors.append("must be no more than 15 characters")
    if not _PORT_NAME_CHARSET.match(value):
        errors.append("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)")
    if not _PORT_NAME_LETTER.search(value):
        errors.append("must contain at least one letter (a-z)")
    if "--" in value:
        errors.append("must not contain consecutive hyphens")
    if value.startswith("-") or value.endswith("-"):
        errors.append("must not begin or end with a hyphen")
    return errors


def port_number_errors(value: int) -> list[str]:
    """Why `value` is not a port number (1-65535)."""
    return [] if 1 <= value <= 65535 else ["must be between 1 and 65535, inclusive"]


_CONFIG_KEY = re.compile(r"^[-._a-zA-Z0-9]+$")


def config_key_errors(value: str) -> list[str]:
    """Why `value` is not a ConfigMap or Secret key (env key refs, volume items)."""
    errors = []
    if len(value) > 253:
        errors.append("must be no more than 253 characters")
    if not _CONFIG_KEY.match(value):
        errors.append(
            regex_error(
                "a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
                "[-._a-zA-Z0-9]+",
                "key.name",
                "KEY_NAME",
                "key-name",
            )
        )
    errors.extend(relative_dir_errors(value))
    return errors


def relative_dir_errors(value: str) -> list[str]:
    """Names that would walk out of a directory: `.`, `..` and anything starting with `..`."""
    if value == ".":
        return ["must not be '.'"]
    if value == "..":
        return ["must not be '..'"]
    if value.startswith(".."):
        return ["must not start with '..'"]
    return []


# --- security context and volumes ---------------------------------------------------------------

# securityContext fields a pod sets for all its containers; a container's own value wins.
POD_LEVEL_SECURITY_FIELDS = frozenset(
    {
        "seLinuxOptions",
        "windowsOptions",
        "runAsUser",
        "runAsGroup",
        "runAsNonRoot",
        "seccompProfile",
        "appArmorProfile",
    }
)
# Of those, the ones a container replaces as a whole (windowsOptions merges field by field).
_WHOLE_OBJECT_SECURITY_FIELDS = frozenset({"seLinuxOptions", "seccompProfile", "appArmorProfile"})


def _nested(data: Any, keys: tuple[str, ...]) -> Any:
    for key in keys:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


class SecuritySetting(NamedTuple):
    """The effective value of a securityContext field for one container, and where it is set."""

    value: Any
    path: Path
    from_pod: bool  # inherited from the pod-level securityContext


def security_setting(
    manifest: Manifest, container: ContainerRef, *keys: str
) -> SecuritySetting | None:
    """`securityContext.<keys>` as the kubelet applies it to `container`, or None when unset.

    The container's own securityContext wins; pod-level fields (runAsUser, seccompProfile, ...)
    fill in what it leaves unset. A container that sets `seLinuxOptions`, `seccompProfile` or
    `appArmorProfile` replaces the pod's object as a whole.
    """
    own_context = container.data.get("securityContext")
    own_context = own_context if isinstance(own_context, dict) else {}
    own = _nested(own_context, keys)
    if own is not None:
        return SecuritySetting(own, (*container.path, "securityContext", *keys), False)
    if not keys or keys[0] not in POD_LEVEL_SECURITY_FIELDS:
        return None
    if keys[0] in _WHOLE_OBJECT_SECURITY_FIELDS and isinstance(own_context.get(keys[0]), dict):
        return None
    pod_path = (*POD_SPEC, "securityContext", *keys)
    inherited = manifest.get(pod_path)
    if inherited is None:
        return None
    return SecuritySetting(inherited, pod_path, True)


def reported_before(setting: SecuritySetting, reported: set[Path]) -> bool:
    """Whether a pod-level setting was already reported for an earlier container.

    A value set once on the pod is reported once, at the pod, not again for every container
    that inherits it; `reported` collects the pod-level paths reported so far.
    """
    if not setting.from_pod:
        return False
    if setting.path in reported:
        return True
    reported.add(setting.path)
    return False


def setting_owner(setting: SecuritySetting, container: ContainerRef) -> str:
    """Who sets a security setting, as messages say it: the container, or the pod for it."""
    if setting.from_pod:
        return f"the pod securityContext (inherited by {container.describe()})"
    return container.describe()


def is_privileged(container: ContainerRef) -> bool:
    """Whether the container sets `securityContext.privileged: true`."""
    return _nested(container.data, ("securityContext", "privileged")) is True


def is_windows_pod(manifest: Manifest) -> bool:
    return bool(manifest.get((*POD_SPEC, "os", "name")) == "windows")


class VolumeMount(NamedTuple):
    """One `volumeMounts` entry of a container."""

    container: ContainerRef
    path: Path
    data: Mapping[str, Any]

    @property
    def read_only(self) -> bool:
        return self.data.get("readOnly") is True


def volume_mounts(manifest: Manifest, volume: str) -> Iterator[VolumeMount]:
    """Every mount of the named volume, in every container (regular, init and sidecar)."""
    for container in containers(manifest):
        mounts = container.data.get("volumeMounts")
        if not isinstance(mounts, list):
            continue
        for index, mount in enumerate(mounts):
            if isinstance(mount, dict) and mount.get("name") == volume:
                yield VolumeMount(container, (*container.path, "volumeMounts", index), mount)


class HostPathVolume(NamedTuple):
    """A `hostPath` volume of the pod template."""

    name: str
    path: Path  # to the volume entry
    host_path: str  # the path on the node, "" when missing or not a string
    type: str | None

    @property
    def host_path_field(self) -> Path:
        return (*self.path, "hostPath", "path")


def host_path_volumes(manifest: Manifest) -> Iterator[HostPathVolume]:
    volumes = pod_spec(manifest).get("volumes")
    if not isinstance(volumes, list):
        return
    for index, volume in enumerate(volumes):
        if not isinstance(volume, dict) or not isinstance(volume.get("hostPath"), dict):
            continue
        source = volume["hostPath"]
        name = volume.get("name")
        host_path = source.get("path")
        kind = source.get("type")
        yield HostPathVolume(
            name if isinstance(name, str) else f"#{index}",
            (*POD_SPEC, "volumes", index),
            host_path if isinstance(host_path, str) else "",
            kind if isinstance(kind, str) else None,
        )


def each_value_errors(
    path: Path, values: object, syntax: Callable[[str], list[str]]
) -> Iterator[tuple[Path, str]]:
    """An `Invalid value` error at each string of the list `values` for each rule of `syntax`
    it breaks (a requirement's values: label values, node names)."""
    if isinstance(values, list):
        for index, value in enumerate(values):
            if isinstance(value, str):
                for detail in syntax(value):
                    where = (*path, index)
                    yield where, api_error(where, "Invalid value", detail, value)


def invalid_value_errors(path: Path, value: object, problems: list[str]) -> str:
    """Several `Invalid value` errors on one field, joined the way the API server lists them."""
    return ", ".join(api_error(path, "Invalid value", problem, value=value) for problem in problems)


def container_images(manifest: Manifest) -> Iterator[tuple[ContainerRef, str, ImageRef]]:
    """Each container with an image: (container, the image as written, its parsed reference).

    A container without an image, or with an empty one, is left out (missing-image reports it), and
    so is one whose reference cannot be parsed (invalid-image-reference reports it): what other
    rules would read from it (a tag, a registry) is not there.
    """
    for container in containers(manifest):
        image = container.data.get("image")
        if isinstance(image, str) and image.strip() and image_reference_error(image) is None:
            yield container, image, parse_image(image)


def image_name(container: ContainerRef) -> str | None:
    """The last part of a container's image repository (`quay.io/team/agent:1.2` -> `agent`)."""
    image = container.data.get("image")
    if not isinstance(image, str) or not image.strip():
        return None
    return parse_image(image).repository.rsplit("/", 1)[-1]


# --- environment variables ---------------------------------------------------------------------

RELAXED_ENV_NAMES_SINCE = (1, 32)  # RelaxedEnvironmentVariableValidation on by default
_STRICT_ENV_NAME = re.compile(r"^[-._a-zA-Z][-._a-zA-Z0-9]*$")
STRICT_ENV_NAME_MESSAGE = regex_error(
    "a valid environment variable name must consist of alphabetic characters, digits, '_', "
    "'-', or '.', and must not start with a digit",
    "[-._a-zA-Z][-._a-zA-Z0-9]*",
    "my.env-name",
    "MY_ENV.NAME",
    "MyEnvName1",
)
RELAXED_ENV_NAME_MESSAGE = (
    "a valid environment variable name must consist only of printable ASCII characters "
    "other than '='"
)


def env_name_errors(name: str, version: tuple[int, int]) -> list[str]:
    """Why `name` is not a valid variable name (or envFrom prefix) for that Kubernetes version."""
    if version >= RELAXED_ENV_NAMES_SINCE:
        if any(not " " <= char <= "~" or char == "=" for char in name):
            return [RELAXED_ENV_NAME_MESSAGE]
        return []
    errors = [] if _STRICT_ENV_NAME.match(name) else [STRICT_ENV_NAME_MESSAGE]
    return errors + relative_dir_errors(name)


# --- label selectors inside the pod spec ---------------------------------------------------------

LABEL_SELECTOR_OPERATORS = ("In", "NotIn", "Exists", "DoesNotExist")


def label_selector_errors(path: Path, selector: object) -> Iterator[tuple[Path, str]]:
    """API errors of a LabelSelector (pod affinity, topology spread), as (path, message) pairs.

    Keys are qualified names and values label values; `In`/`NotIn` need values,
    `Exists`/`DoesNotExist` forbid them; `Gt`/`Lt` are node-affinity operators, invalid here.
    Wrong shapes are left to the schema.
    """
    if not isinstance(selector, dict):
        return
    match_labels = selector.get("matchLabels")
    if isinstance(match_labels, dict):
        where = (*path, "matchLabels")
        for key, value in match_labels.items():
            if isinstance(key, str):
                for detail in qualified_name_errors(key):
                    yield (*where, key), api_error(where, "Invalid value", detail, key)
            if isinstance(value, str):
                for detail in label_value_errors(value):
                    yield (*where, key), api_error(where, "Invalid value", detail, value)
    expressions = selector.get("matchExpressions")
    if not isinstance(expressions, list):
        return
    for index, expression in enumerate(expressions):
        if isinstance(expression, dict):
            yield from _requirement_errors((*path, "matchExpressions", index), expression)


def null_selector_warning(term_path: Path) -> str:
    """The API server's warning for a term or constraint without a labelSelector."""
    where = field_path((*term_path, "labelSelector"))
    return f"API server warning: {where}: a null labelSelector results in matching no pod"


def operator_values_error(
    path: Path, operator: object, values: object, *, numeric: bool = False
) -> tuple[Path, str] | None:
    """What the API server says of a requirement's `values` for its `operator`, if anything.

    In and NotIn need values, Exists and DoesNotExist take none; with `numeric` (node selector
    requirements), Gt and Lt take exactly one.
    """
    count = len(values) if isinstance(values, list) else 0
    where = (*path, "values")
    if operator in ("In", "NotIn") and count == 0:
        detail = "must be specified when `operator` is 'In' or 'NotIn'"
        return where, api_error(where, "Required value", detail)
    if operator in ("Exists", "DoesNotExist") and count > 0:
        detail = "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"
        return where, api_error(where, "Forbidden", detail)
    if numeric and operator in ("Gt", "Lt") and count != 1:
        detail = "must be specified single value when `operator` is 'Lt' or 'Gt'"
        return where, api_error(where, "Required value", detail)
    return None


def _requirement_errors(path: Path, expression: Mapping[str, Any]) -> Iterator[tuple[Path, str]]:
    operator = expression.get("operator")
    values = expression.get("values")
    values_error = operator_values_error(path, operator, values)
    if values_error is not None:
        yield values_error
    elif operator is None or (
        isinstance(operator, str) and operator not in LABEL_SELECTOR_OPERATORS
    ):
        where = (*path, "operator")
        detail = "not a valid selector operator"
        yield where, api_error(where, "Invalid value", detail, operator or "")
    key = expression.get("key")
    if isinstance(key, str):
        for detail in qualified_name_errors(key):
            yield (*path, "key"), api_error((*path, "key"), "Invalid value", detail, key)
    yield from each_value_errors((*path, "values"), values, label_value_errors)


# --- IP addresses -------------------------------------------------------------------------------

IP_ADDRESS_MESSAGE = "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"


def is_ip_address(value: str) -> bool:
    """An IPv4 or IPv6 address as the API server's legacy fields accept it.

    Legacy fields (hostAliases, dnsConfig nameservers) still accept IPv4 octets with leading
    zeros, such as `010.001.002.003`, so those are not rejected here.
    """
    import ipaddress

    try:
        ipaddress.ip_address(value)
        return True
    except ValueError:
        pass
    parts = value.split(".")
    if len(parts) == 4 and all(part.isdigit() and len(part) <= 3 for part in parts):
        return all(int(part) <= 255 for part in parts)
    return False


# --- taints and tolerations ---------------------------------------------------------------------

# The tolerations the DaemonSet controller gives every daemon pod
# (`AddOrUpdateDaemonPodTolerations`): (key, effect, only when the pod uses the host network).
# All are `operator: Exists` without tolerationSeconds, so a node in that state keeps (or, for
# NoSchedule, still gets) the pod.
DAEMON_POD_TOLERATIONS: tuple[tuple[str, str, bool], ...] = (
    ("node.kubernetes.io/not-ready", "NoExecute", False),
    ("node.kubernetes.io/unreachable", "NoExecute", False),
    ("node.kubernetes.io/disk-pressure", "NoSchedule", False),
    ("node.kubernetes.io/memory-pressure", "NoSchedule", False),
    ("node.kubernetes.io/pid-pressure", "NoSchedule", False),
    ("node.kubernetes.io/unschedulable", "NoSchedule", False),
    ("node.kubernetes.io/network-unavailable", "NoSchedule", True),
)


def daemon_pod_tolerations(spec: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """A pod template's tolerations plus the ones the DaemonSet controller adds to its pods.

    The controller replaces a user toleration equal to one it adds (tolerationSeconds aside);
    for what a pod tolerates, adding it again is the same.
    """
    found = spec.get("tolerations")
    tolerations: list[Mapping[str, Any]] = (
        [t for t in found if isinstance(t, dict)] if isinstance(found, list) else []
    )
    host_network = spec.get("hostNetwork") is True
    for key, effect, needs_host_network in DAEMON_POD_TOLERATIONS:
        if host_network or not needs_host_network:
            tolerations.append({"key": key, "operator": "Exists", "effect": effect})
    return tolerations


def tolerates(toleration: Mapping[str, Any], key: str, value: str, effect: str) -> bool:
    """Whether a toleration tolerates the taint `key=value:effect` (`ToleratesTaint`).

    An empty toleration effect matches every effect and an empty key every key; `Exists`
    matches any value, `Equal` (or no operator) only the same value, an absent value being "".
    """
    wanted_effect = toleration.get("effect") or ""
    if wanted_effect and wanted_effect != effect:
        return False
    wanted_key = toleration.get("key") or ""
    if wanted_key and wanted_key != key:
        return False
    operator = toleration.get("operator") or "Equal"
    if operator == "Exists":
        return True
    if operator == "Equal":
        return label_text(toleration.get("value")) == value
    return False


def label_text(value: object) -> str | None:
    """A label, taint or selector value as the API stores it: text; None for a non-scalar.

    YAML reads `true` and `5` as a boolean and a number; the API server would hold "true", "5".
    An absent value (None) is "".
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    return None


_INT64_TEXT = re.compile(r"[+-]?[0-9]+")


def parse_int64(text: str) -> int | None:
    """A base-10 int64 as Go's `strconv.ParseInt(text, 10, 64)` reads it, or None."""
    if not _INT64_TEXT.fullmatch(text):
        return None
    number = int(text)
    return number if -(2**63) <= number < 2**63 else None


_BINARY_SUFFIXES = ("", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei")
_DECIMAL_SUFFIXES = ("", "k", "M", "G", "T", "P", "E")
_SMALL_SUFFIXES = (("m", Decimal(1000)), ("u", Decimal(10**6)), ("n", Decimal(10**9)))


def format_quantity(amount: Decimal, binary: bool = False) -> str:
    """A quantity as Kubernetes prints it: `500m`, `4`, `4k`, `1Gi` (binary when asked and exact).

    The number is the shortest whole mantissa with a suffix: `1500` stays `1500`, `0.5` is `500m`;
    what is finer than a nanounit is rounded up, as the API server rounds.
    """
    if amount < 0:
        return "-" + format_quantity(-amount, binary)
    if amount == amount.to_integral_value():
        whole = int(amount)
        exact_binary = binary and whole % 1024 == 0
        base, suffixes = (1024, _BINARY_SUFFIXES) if exact_binary else (1000, _DECIMAL_SUFFIXES)
        power = 0
        while whole and whole % base == 0 and power < len(suffixes) - 1:
            whole //= base
            power += 1
        return f"{whole}{suffixes[power]}"
    for suffix, scale in _SMALL_SUFFIXES:
        scaled = amount * scale
        if scaled == scaled.to_integral_value() or suffix == "n":
            return f"{int(scaled.to_integral_value(rounding=ROUND_CEILING))}{suffix}"
    raise AssertionError("unreachable")  # pragma: no cover - "n" always returns


def meant_value(value: object, supported: tuple[str, ...]) -> str | None:
    """The one supported value that `value` spells with another case or with spaces around it."""
    if not isinstance(value, str):
        return None
    meant = [choice for choice in supported if choice.lower() == value.strip().lower()]
    return meant[0] if len(meant) == 1 and meant[0] != value else None
