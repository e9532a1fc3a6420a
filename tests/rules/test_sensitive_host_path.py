from tests.helpers import findings, levels, lint, messages
from tests.rules.pod_template import daemonset

RULE = "sensitive-host-path"


def mounted(path: str, read_only: bool, *, extra: str = "", sub_path: str = "") -> str:
    """One container mounting one hostPath volume; the volume's path is on line 19.

    `extra` is added to the container (a line such as `    securityContext: {...}`).
    """
    options = ", readOnly: true" if read_only else ""
    if sub_path:
        options += f", subPath: {sub_path}"
    lines = [
        "containers:",
        "  - name: agent",
        "    image: a:1",
        *([extra.strip("\n")] if extra else []),
        f"    volumeMounts: [{{name: host, mountPath: /host{options}}}]",
        "volumes:",
        "  - name: host",
        "    hostPath:",
        f"      path: {path}",
    ]
    return daemonset("\n".join(lines) + "\n")


def grade(path: str, read_only: bool, **kwargs: str) -> list[str]:
    return levels(mounted(path, read_only, **kwargs), RULE)


def test_reports_at_the_host_path_value() -> None:
    assert findings(mounted("/var/run/docker.sock", True), RULE) == ["19:19 sensitive-host-path"]
    message = messages(mounted("/var/run/docker.sock", True), RULE)[0]
    assert message.startswith('hostPath volume "host" exposes "/var/run/docker.sock" (the Docker')
    assert message.endswith('to container "agent" (read-only)')


def test_runtime_sockets_and_root_are_warnings_even_read_only() -> None:
    for path in ("/", "/run/containerd/containerd.sock", "/var/run/crio/crio.sock", "/var/run"):
        assert grade(path, True) == ["warning"], path


def test_read_only_proc_is_info_but_writable_proc_is_a_warning() -> None:
    assert grade("/proc", True) == ["info"]
    assert grade("/proc", False) == ["warning"]


def test_system_folders_only_when_writable() -> None:
    for path in ("/sys", "/lib/modules", "/usr", "/boot/"):
        assert grade(path, True) == [], path
        assert grade(path, False) == ["warning"], path


def test_narrow_or_unknown_paths_are_not_reported() -> None:
    for path in (
        "/var/log/pods",
        "/etc/cni/net.d",
        "/opt/cni/bin",
        "/run/xtables.lock",
        "/var/lib/kubelet/plugins_registry",
        "/home/kubernetes/bin",
        "/etc/kubernetes/cni/net.d",
    ):
        assert grade(path, False) in ([], ["info"]), path


def test_parents_of_sensitive_paths_are_as_sensitive() -> None:
    assert grade("/etc", True) == ["warning"]  # holds /etc/kubernetes/pki and /etc/shadow
    assert "it contains /var/lib/kubelet/pki" in messages(mounted("/var/lib", False), RULE)[0]


def test_kubelet_folder_graded_by_mode_and_propagation() -> None:
    assert grade("/var/lib/kubelet/pods", True) == ["info"]
    assert grade("/var/lib/kubelet/pods", False) == ["warning"]
    csi = mounted("/var/lib/kubelet", False, extra="\n    securityContext: {privileged: true}")
    csi = csi.replace("mountPath: /host", "mountPath: /host, mountPropagation: Bidirectional")
    assert levels(csi, RULE) == ["info"]


def test_privileged_containers_get_nothing_new_from_sys_and_dev() -> None:
    privileged = "\n    securityContext: {privileged: true}"
    assert grade("/sys", False, extra=privileged) == ["info"]
    assert grade("/dev", False, extra=privileged) == ["info"]


def test_sub_path_refines_the_host_path() -> None:
    assert grade("/var/run", True, sub_path="agent") == []
    assert grade("/var/run", True, sub_path="docker.sock") == ["warning"]


def test_unmounted_volumes_and_windows_paths_are_skipped() -> None:
    text = daemonset("""\
        containers: [{name: a, volumeMounts: [{name: pipe, mountPath: /p}]}]
        volumes:
          - {name: unused, hostPath: {path: /}}
          - {name: pipe, hostPath: {path: '\\\\.\\pipe\\docker_engine'}}
        """)
    assert findings(text, RULE) == []


def test_every_mount_is_listed_and_the_worst_wins() -> None:
    text = daemonset("""\
        initContainers: [{name: init, volumeMounts: [{name: proc, mountPath: /p}]}]
        containers: [{name: a, volumeMounts: [{name: proc, mountPath: /p, readOnly: true}]}]
        volumes: [{name: proc, hostPath: {path: /proc}}]
        """)
    assert levels(text, RULE) == ["warning"]
    assert messages(text, RULE)[0].endswith(
        'to container "a" (read-only), init container "init" (writable)'
    )


def test_allowed_paths_options() -> None:
    config = {"rules": {RULE: {"allowed-paths": ["/var/run/docker.sock"]}}}
    assert findings(mounted("/run/docker.sock", False), RULE, config=config) == []
    config = {"rules": {RULE: {"allowed-read-only-paths": ["/proc"]}}}
    assert findings(mounted("/proc/", True), RULE, config=config) == []
    assert levels(mounted("/proc", False), RULE, config=config) == ["warning"]


def test_node_agent_preset_accepts_narrow_read_only_views() -> None:
    preset = {"extends": "node-agent"}
    for path in ("/proc", "/sys", "/var/log"):
        assert RULE not in [d.name for d in lint(mounted(path, True), config=preset)], path
    for path, read_only in (("/var/run/docker.sock", True), ("/", True), ("/etc", False)):
        found = [d.level for d in lint(mounted(path, read_only), config=preset) if d.name == RULE]
        assert found == ["warning"], path


def test_odd_shapes() -> None:
    text = daemonset("""\
        containers: [{name: a, volumeMounts: [{name: v, mountPath: /x, subPath: 5}, 3]}, 4]
        volumes:
          - {name: v, hostPath: {path: /}}
          - {name: w, hostPath: /}
          - {name: x, hostPath: {path: 5}}
          - 7
        """)
    assert findings(text, RULE) == ["14:38 sensitive-host-path"]
    assert findings(daemonset("volumes: {a: 1}"), RULE) == []


def test_unsafe_fix_mounts_read_only_where_that_lowers_the_grade() -> None:
    from tests.fixing import fixed, no_fix

    text = mounted("/proc", False)
    assert fixed(text, RULE) == text.replace(
        "{name: host, mountPath: /host}", "{name: host, mountPath: /host, readOnly: true}"
    )
    # Read-only access to the runtime socket is as bad as writable: no fix helps.
    no_fix(mounted("/run/containerd/containerd.sock", False), RULE)
