from tests.helpers import findings, messages
from tests.rules.pod_template import daemonset

RULE = "host-path-type-unset"


def test_flags_files_without_a_type_at_the_host_path_key() -> None:
    text = daemonset("""\
        containers: [{name: a}]
        volumes:
          - name: sock
            hostPath:
              path: /var/run/docker.sock
          - {name: lock, hostPath: {path: /run/xtables.lock}}
          - {name: zone, hostPath: {path: /etc/localtime}}
        """)
    assert findings(text, RULE) == [
        "15:11 host-path-type-unset",
        "17:24 host-path-type-unset",
        "18:24 host-path-type-unset",
    ]
    assert messages(text, RULE)[0].startswith('hostPath volume "sock" mounts the file')


def test_folders_typed_volumes_and_windows_paths_pass() -> None:
    text = daemonset("""\
        volumes:
          - {name: a, hostPath: {path: /var/log}}
          - {name: b, hostPath: {path: /etc/cni/net.d}}
          - {name: c, hostPath: {path: /var/lib/kubelet/plugins/csi.example.com}}
          - {name: d, hostPath: {path: /run/xtables.lock, type: FileOrCreate}}
          - {name: e, hostPath: {path: 'C:\\\\agent.conf'}}
        """)
    assert findings(text, RULE) == []


def test_odd_shapes() -> None:
    text = daemonset("volumes: [{name: a, hostPath: {path: 5}}, {hostPath: x.sock}, 3]")
    assert findings(text, RULE) == []


def test_unsafe_fix_sets_file_or_socket() -> None:
    from tests.fixing import fixed

    text = daemonset(
        """\
        containers: [{name: a, image: a:1}]
        volumes:
          - name: sock
            hostPath:
              path: /run/containerd/containerd.sock
          - name: id
            hostPath: {path: /etc/machine-id}
        """
    )
    assert fixed(text, RULE) == text.replace(
        "containerd.sock\n", "containerd.sock\n            type: Socket\n"
    ).replace("{path: /etc/machine-id}", "{path: /etc/machine-id, type: File}")
