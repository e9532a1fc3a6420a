from tests.helpers import findings, messages
from tests.rules.pod_template import daemonset

RULE = "invalid-volume"


def test_flags_missing_and_invalid_names() -> None:
    text = daemonset("""\
        containers: [{name: a, image: "a:1"}]
        volumes:
          - emptyDir: {}
          - name: Data
          - name: host.logs
        """)
    assert findings(text, RULE) == [
        "14:11 invalid-volume",
        "15:17 invalid-volume",
        "16:17 invalid-volume",
    ]
    found = messages(text, RULE)
    assert found[0].endswith("spec.template.spec.volumes[0].name: Required value")
    assert 'volumes[1].name: Invalid value: "Data": a lowercase RFC 1123 label' in found[1]
    assert found[2].endswith('volumes[2].name: Invalid value: "host.logs": must not contain dots')


def test_name_only_volume_is_an_empty_dir() -> None:
    text = daemonset("""\
        containers: [{name: a, image: "a:1"}]
        volumes:
          - name: scratch
          - {name: explicit, emptyDir: {}}
        """)
    assert findings(text, RULE) == []


def test_flags_more_than_one_source_at_the_extra_source() -> None:
    text = daemonset("""\
        containers: [{name: a, image: "a:1"}]
        volumes:
          - name: data
            hostPath: {path: /data}
            emptyDir: {}
        """)
    assert findings(text, RULE) == ["16:11 invalid-volume"]
    assert messages(text, RULE)[0].endswith(
        "spec.template.spec.volumes[0].emptyDir: Forbidden: may not specify more than 1 volume type"
    )


def test_null_source_does_not_count() -> None:
    text = daemonset("""\
        containers: [{name: a, image: "a:1"}]
        volumes:
          - {name: data, hostPath: {path: /data}, emptyDir: null}
        """)
    assert findings(text, RULE) == []


def test_host_path_rules() -> None:
    text = daemonset("""\
        containers: [{name: a, image: "a:1"}]
        volumes:
          - {name: a, hostPath: {type: Directory}}
          - {name: b, hostPath: {path: /var/../etc}}
          - {name: c, hostPath: {path: /run/x.sock, type: socket}}
          - {name: d, hostPath: {path: /var/lib/..data, type: ""}}
        """)
    assert findings(text, RULE) == [
        "14:21 invalid-volume",
        "15:38 invalid-volume",
        "16:57 invalid-volume",
    ]
    found = messages(text, RULE)
    assert found[0].endswith("volumes[0].hostPath.path: Required value")
    assert found[1].endswith(
        """hostPath.path: Invalid value: "/var/../etc": must not contain '..'"""
    )
    assert found[2].endswith(
        'volumes[2].hostPath.type: Unsupported value: "socket": supported values: "", '
        '"BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File", "FileOrCreate", '
        '"Socket"'
    )


def test_secret_and_config_map_rules() -> None:
    text = daemonset("""\
        containers: [{name: a, image: "a:1"}]
        volumes:
          - name: certs
            secret:
              defaultMode: 01000
              items:
                - {key: tls.crt, path: /tls.crt}
                - {path: ../up, mode: -1}
          - name: config
            configMap:
              defaultMode: 0644
              items:
                - {key: a, path: ..a}
                - {key: b, path: a/../b}
                - {key: c, path: ""}
        """)
    assert findings(text, RULE) == [
        "15:11 invalid-volume",
        "16:26 invalid-volume",
        "18:38 invalid-volume",
        "19:18 invalid-volume",
        "19:24 invalid-volume",
        "19:37 invalid-volume",
        "21:11 invalid-volume",
        "24:32 invalid-volume",
        "25:32 invalid-volume",
        "26:32 invalid-volume",
    ]
    found = messages(text, RULE)
    assert found[0].endswith("volumes[0].secret.secretName: Required value")
    assert found[1].endswith(
        "volumes[0].secret.defaultMode: Invalid value: 512: "
        "must be a number between 0 and 0777 (octal), both inclusive"
    )
    assert found[2].endswith('items[0].path: Invalid value: "/tls.crt": must be a relative path')
    assert found[3].endswith("items[1].key: Required value")
    assert found[6].endswith("volumes[1].configMap.name: Required value")
    assert found[7].endswith("""items[0].path: Invalid value: "..a": must not start with '..'""")
    assert found[8].endswith("""items[1].path: Invalid value: "a/../b": must not contain '..'""")
    assert found[9].endswith("items[2].path: Required value")


def test_claim_and_nfs_rules() -> None:
    text = daemonset("""\
        containers: [{name: a, image: "a:1"}]
        volumes:
          - {name: a, persistentVolumeClaim: {}}
          - {name: b, nfs: {server: nfs.example.com, path: exports/data}}
        """)
    assert findings(text, RULE) == ["14:21 invalid-volume", "15:58 invalid-volume"]
    assert messages(text, RULE)[1].endswith("must be an absolute path")


def test_downward_api_rules() -> None:
    text = daemonset("""\
        containers: [{name: a, image: "a:1"}]
        volumes:
          - name: info
            downwardAPI:
              items:
                - {path: labels, fieldRef: {fieldPath: metadata.labels}}
                - {path: app, fieldRef: {fieldPath: "metadata.labels['app']"}}
                - {path: node, fieldRef: {fieldPath: spec.nodeName}}
                - {path: cpu, resourceFieldRef: {resource: limits.cpu}}
        """)
    assert findings(text, RULE) == ["19:52 invalid-volume", "20:29 invalid-volume"]
    found = messages(text, RULE)
    assert 'fieldRef.fieldPath: Unsupported value: "spec.nodeName"' in found[0]
    assert found[1].endswith("items[3].resourceFieldRef.containerName: Required value")


def test_projected_rules() -> None:
    text = daemonset("""\
        containers: [{name: a, image: "a:1"}]
        volumes:
          - name: token
            projected:
              defaultMode: 420
              sources:
                - serviceAccountToken: {path: token, expirationSeconds: 60}
                - configMap: {name: ca, items: [{key: ca.crt, path: token}]}
                  secret: {name: other}
                - serviceAccountToken: {path: token2, expirationSeconds: 3600}
        """)
    assert findings(text, RULE) == [
        "18:71 invalid-volume",
        "19:17 invalid-volume",
        "19:67 invalid-volume",
    ]
    found = messages(text, RULE)
    assert found[0].endswith(
        "serviceAccountToken.expirationSeconds: Invalid value: 60: "
        "may not specify a duration less than 10 minutes"
    )
    assert found[1].endswith(
        "projected.sources[1]: Forbidden: may not specify more than 1 volume type per source"
    )
    assert found[2].endswith('Invalid value: "token": conflicting duplicate paths')


def test_valid_volumes_pass() -> None:
    text = daemonset("""\
        containers: [{name: a, image: "a:1"}]
        volumes:
          - {name: logs, hostPath: {path: /var/log, type: DirectoryOrCreate}}
          - {name: certs, secret: {secretName: certs, defaultMode: 0400}}
          - {name: config, configMap: {name: config, items: [{key: a.yaml, path: conf/a.yaml}]}}
          - {name: claim, persistentVolumeClaim: {claimName: data}}
        """)
    assert findings(text, RULE) == []


def test_odd_shapes_do_not_raise() -> None:
    text = daemonset("""\
        containers: [{name: a, image: "a:1"}]
        volumes:
          - 5
          - {name: a, hostPath: 3}
          - {name: b, secret: {secretName: s, items: {}, defaultMode: "0644"}}
          - {name: c, projected: {sources: [5, {secret: 3}]}}
          - {name: d, downwardAPI: {items: [null, {path: 3, fieldRef: 5}]}}
        """)
    assert findings(text, RULE) == []
    assert findings(daemonset("volumes: {name: x}\n"), RULE) == []
