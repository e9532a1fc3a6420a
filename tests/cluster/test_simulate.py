"""`dslint simulate` end to end: findings at manifest lines, the JSON contract, text and SARIF."""

from __future__ import annotations

import json
import re
import subprocess
import textwrap
from pathlib import Path
from typing import Any

import pytest

from dslint.cluster.inventory import Inventory, read_inventory
from dslint.cluster.rollout import plan_rollout, scaled
from dslint.cluster.simulate import SCHEMA, prepare, simulate_object, simulate_paths, to_json
from dslint.cluster.simulate_report import simulate_command
from tests.cluster.corpus import DAEMONSETS, NODE_LISTS, NODES, PODS, QUOTAS, needs_corpus
from tests.test_cli import dslint

ROOT = Path(__file__).resolve().parents[2]


def nodes_file(tmp_path: Path, nodes: list[dict[str, Any]]) -> Path:
    path = tmp_path / "nodes.json"
    path.write_text(json.dumps({"apiVersion": "v1", "kind": "List", "items": nodes}))
    return path


def node(
    name: str, cpu: str = "4", taints: list[dict[str, str]] | None = None, **labels: str
) -> dict[str, Any]:
    return {
        "metadata": {"name": name, "labels": {"kubernetes.io/os": "linux", **labels}},
        "spec": {"taints": taints or []},
        "status": {"allocatable": {"cpu": cpu, "memory": "8Gi", "pods": "110"}},
    }


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text))
    return path


AGENT = """\
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: agents}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      tolerations:
        - {key: dedicated, operator: Exists}
      containers:
        - name: agent
          image: agent:1.0
          resources:
            requests:
              cpu: 500m
"""


def cluster_object(kind: str, name: str, spec: dict[str, Any]) -> str:
    """An object of the agents namespace, as JSON (which is YAML too)."""
    metadata = {"name": name, "namespace": "agents"}
    return json.dumps({"apiVersion": "v1", "kind": kind, "metadata": metadata, "spec": spec})


def simulate(tmp_path: Path, manifest: str, nodes: list[dict[str, Any]], *cluster: str) -> Any:
    inventory = read_inventory([str(nodes_file(tmp_path, nodes))])
    extra = [str(write(tmp_path, f"cluster{i}.yaml", text)) for i, text in enumerate(cluster)]
    inventory = read_inventory(extra, inventory=inventory)
    return simulate_paths([str(write(tmp_path, "ds.yaml", manifest))], inventory)


def findings(simulation: Any) -> list[str]:
    return [f"{d.line}:{d.column} {d.code} {d.level}" for r in simulation.files for d in r.reported]


def messages(simulation: Any) -> list[str]:
    return [d.message for r in simulation.files for d in r.reported]


# --- findings at the manifest line ---------------------------------------------------------------


def test_missing_toleration_for_a_taint_on_3_of_40_nodes(tmp_path: Path) -> None:
    gpu = [{"key": "nvidia.com/gpu", "value": "present", "effect": "NoSchedule"}]
    nodes = [node(f"n{i}", taints=gpu if i < 3 else None) for i in range(40)]
    result = simulate(tmp_path, AGENT, nodes)
    assert result.daemonsets[0].desired == 37
    assert findings(result) == ["9:7 SIM102 warning"]  # at the tolerations
    assert messages(result) == [
        'taint "nvidia.com/gpu=present:NoSchedule" keeps the pod off 3 of 40 nodes it is '
        "otherwise selected for; add a toleration if it should run there"
    ]


def test_control_plane_taint_is_only_info(tmp_path: Path) -> None:
    master = [{"key": "node-role.kubernetes.io/control-plane", "effect": "NoSchedule"}]
    result = simulate(tmp_path, AGENT, [node("cp", taints=master), node("w")])
    assert findings(result) == ["9:7 SIM102 info"]


def test_request_larger_than_every_node(tmp_path: Path) -> None:
    result = simulate(
        tmp_path, AGENT.replace("cpu: 500m", "cpu: 8"), [node("a"), node("b", cpu="6")]
    )
    assert findings(result) == ["16:20 SIM104 error"]  # at the cpu request
    assert messages(result) == [
        "the pod requests 8 cpu, more than the allocatable of every one of the 2 selected "
        "nodes; no pod can be scheduled"
    ]
    assert [n.pending for n in result.daemonsets[0].nodes] == [("cpu",), ("cpu",)]


def test_pending_on_some_nodes(tmp_path: Path) -> None:
    result = simulate(
        tmp_path, AGENT.replace("cpu: 500m", "cpu: 2"), [node("a", cpu="1"), node("b")]
    )
    assert findings(result) == ["16:20 SIM103 warning"]
    assert messages(result) == [
        "pods would stay Pending on 1 of 2 nodes: Insufficient cpu (requests 2, free 1)"
    ]


def test_namespace_that_rejects_the_pods(tmp_path: Path) -> None:
    namespace = """\
        apiVersion: v1
        kind: Namespace
        metadata:
          name: agents
          labels:
            pod-security.kubernetes.io/enforce: baseline
    """
    manifest = AGENT.replace(
        "    spec:\n      tolerations", "    spec:\n      hostPID: true\n      tolerations"
    )
    result = simulate(tmp_path, manifest, [node("a")], namespace)
    assert findings(result) == ["9:16 SIM105 error", "9:16 SIM106 warning"]
    assert result.daemonsets[0].rejected
    assert messages(result)[0] == (
        'Error creating: pods "agent-xxxxx" is forbidden: violates PodSecurity '
        '"baseline:latest": host namespaces (hostPID=true)'
    )


def test_quota_rejection_is_reported_at_the_namespace(tmp_path: Path) -> None:
    quota = cluster_object("ResourceQuota", "small", {"hard": {"requests.cpu": "1"}})
    result = simulate(tmp_path, AGENT, [node("a"), node("b"), node("c")], quota)
    assert findings(result) == ["3:36 SIM105 error"]
    assert messages(result)[0].startswith("2 of 3 pods admitted; then Error creating:")


def test_selects_no_node(tmp_path: Path) -> None:
    manifest = AGENT.replace(
        "      tolerations:", "      nodeSelector: {pool: gpu}\n      tolerations:"
    )
    result = simulate(tmp_path, manifest, [node("a"), node("b")])
    assert findings(result) == ["9:7 SIM101 warning"]


def test_suppression_comment_applies(tmp_path: Path) -> None:
    gpu = [{"key": "gpu", "effect": "NoSchedule"}]
    manifest = AGENT.replace(
        "      tolerations:", "      tolerations:  # dslint: disable-line=SIM102"
    )
    result = simulate(tmp_path, manifest, [node("a", taints=gpu), node("b")])
    assert findings(result) == []
    assert [d.suppressed for r in result.files for d in r.diagnostics] == [
        "suppressed by a '# dslint: disable-line' comment"
    ]


def test_limit_range_defaults_are_used_for_fit(tmp_path: Path) -> None:
    item = {"type": "Container", "defaultRequest": {"memory": "16Gi"}}
    limits = cluster_object("LimitRange", "limits", {"limits": [item]})
    result = simulate(tmp_path, AGENT, [node("a")], limits)
    assert result.daemonsets[0].nodes[0].pending == ("memory",)
    assert result.daemonsets[0].admission[0].mode == "default"


# --- rollout and cost ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("strategy", "desired", "expected"),
    [
        ({}, 10, ("RollingUpdate", 1, 0, 10)),
        ({"rollingUpdate": {"maxUnavailable": "10%"}}, 45, ("RollingUpdate", 5, 0, 9)),  # 4.5 up
        ({"rollingUpdate": {"maxUnavailable": "1%"}}, 3, ("RollingUpdate", 1, 0, 3)),
        (
            {"rollingUpdate": {"maxUnavailable": 0, "maxSurge": "25%"}},
            10,
            ("RollingUpdate", 0, 3, 4),
        ),
        (
            {"rollingUpdate": {"maxUnavailable": "0%", "maxSurge": "0%"}},
            4,
            ("RollingUpdate", 1, 0, 4),
        ),
        ({"type": "OnDelete"}, 4, ("OnDelete", None, None, None)),
        ({"rollingUpdate": {"maxUnavailable": "lots"}}, 4, ("RollingUpdate", None, 0, None)),
    ],
)
def test_rollout(strategy: dict[str, Any], desired: int, expected: tuple[Any, ...]) -> None:
    ds = {"spec": {"updateStrategy": strategy, "minReadySeconds": 30}}
    plan = plan_rollout(ds, desired)
    assert (plan.strategy, plan.max_unavailable, plan.max_surge, plan.waves) == expected
    if plan.waves is not None:
        assert plan.lower_bound_seconds == plan.waves * 30


def test_scaled_rounds_percentages_up() -> None:
    assert [scaled("34%", 3), scaled("50%", 5), scaled(2, 10), scaled(True, 3)] == [2, 3, 2, None]


def test_cost_and_share(tmp_path: Path) -> None:
    result = simulate(tmp_path, AGENT, [node("a"), node("b")])
    document = to_json(result)["daemonsets"][0]
    assert document["cost"] == {
        "per_pod": {"cpu": "500m", "pods": "1"},
        "total": {"cpu": "1", "pods": "2"},
        "share_of_allocatable": {"cpu": 0.125, "pods": 0.009091},
    }


# --- the JSON contract ---------------------------------------------------------------------------


def test_json_contract(tmp_path: Path) -> None:
    taint = [{"key": "gpu", "value": "a100", "effect": "NoExecute"}]
    result = simulate(
        tmp_path,
        AGENT.replace("cpu: 500m", "cpu: 2"),
        [node("a", cpu="1"), node("b"), node("c", taints=taint)],
    )
    document = to_json(result)
    assert document["schema"] == SCHEMA == "dslint-simulate/1"
    assert set(document) == {"schema", "daemonsets", "summary"}
    (ds,) = document["daemonsets"]
    assert set(ds) == {
        "name",
        "namespace",
        "file",
        "line",
        "desired",
        "nodes",
        "admission",
        "cost",
        "rollout",
    }
    assert (ds["name"], ds["namespace"], ds["line"], ds["desired"]) == ("agent", "agents", 2, 2)
    assert ds["file"].endswith("ds.yaml")
    assert ds["nodes"] == [
        {"node": "a", "runs": True, "reasons": [], "pending": ["cpu"]},
        {"node": "b", "runs": True, "reasons": [], "pending": []},
        {"node": "c", "runs": False, "reasons": ["taint:gpu=a100:NoExecute"], "pending": []},
    ]
    assert ds["rollout"] == {
        "strategy": "RollingUpdate",
        "max_unavailable": 1,
        "max_surge": 0,
        "min_ready_seconds": 0,
        "waves": 2,
        "lower_bound_seconds": 0,
    }
    assert document["summary"] == {
        "daemonsets": 1,
        "nodes": 3,
        "desired": 2,
        "pending": 1,
        "rejected": 0,
        "errors": 0,
        "warnings": 2,
        "infos": 0,
    }


# --- the corpus ----------------------------------------------------------------------------------


@needs_corpus
def test_kubevious_desired_matches_status_with_running_pods_and_quotas() -> None:
    inventory = read_inventory(
        [str(p) for p in sorted(NODES.glob("kubevious__*"))], default_kind="Node"
    )
    extra = [*sorted(PODS.glob("kubevious__*")), *sorted(QUOTAS.glob("kubevious__*"))]
    inventory = read_inventory([str(p) for p in extra], inventory=inventory)
    result = simulate_paths([str(p) for p in sorted(DAEMONSETS.glob("kubevious__*"))], inventory)
    recorded = {}
    for path in sorted(DAEMONSETS.glob("kubevious__*")):
        ds = read_inventory([str(path)]).daemonsets[0]
        recorded[ds["metadata"]["name"]] = ds["status"]["desiredNumberScheduled"]
    assert {s.name: s.desired for s in result.daemonsets} == recorded
    assert all(not s.pending and not s.rejected for s in result.daemonsets)
    assert sorted(d.code for r in result.files for d in r.reported) == ["SIM101"] * 3


@needs_corpus
def test_every_node_list_of_the_corpus_simulates() -> None:
    ds = read_inventory(
        [str(DAEMONSETS / "kubevious__helper-logic-processor__gke-calico-node.yaml")]
    ).daemonsets[0]
    for path in sorted(NODE_LISTS.iterdir()):
        inventory = read_inventory([str(path)], default_kind="Node")
        simulation = simulate_object(ds, prepare(inventory))
        assert len(simulation.nodes) == len(inventory.nodes), path.name


def test_empty_inventory_object_simulation() -> None:
    simulation = simulate_object(
        {"kind": "DaemonSet", "metadata": {"name": "x"}}, prepare(Inventory())
    )
    assert (simulation.desired, simulation.nodes, simulation.diagnostics) == (0, [], [])


# --- the command line ----------------------------------------------------------------------------


def run(*args: str, cwd: Path = ROOT, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return dslint("simulate", *args, stdin=stdin, cwd=cwd)


def test_cli_text_json_sarif_and_output_file(tmp_path: Path) -> None:
    taint = [{"key": "gpu", "effect": "NoSchedule"}]
    nodes = nodes_file(tmp_path, [node("a", taints=taint), node("b")])
    manifest = write(tmp_path, "ds.yaml", AGENT.replace("key: dedicated", "key: other"))
    text = run(str(manifest), "--nodes", str(nodes))
    assert text.returncode == 1, text.stderr
    assert "  a     not scheduled  taint:gpu=:NoSchedule" in text.stdout
    assert f"{manifest}:9:7: warning SIM102 [taint-not-tolerated]" in text.stdout
    assert text.stdout.rstrip().endswith("findings: 0 error, 1 warning, 0 info")
    document = json.loads(run(str(manifest), "--nodes", str(nodes), "-f", "json").stdout)
    assert document["daemonsets"][0]["desired"] == 1
    sarif = json.loads(run(str(manifest), "--nodes", str(nodes), "--format", "sarif").stdout)
    (result,) = sarif["runs"][0]["results"]
    assert result["ruleId"] == "SIM102"
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == 9
    rules = {r["id"] for r in sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert {"SIM101", "SIM102", "SIM103", "SIM104", "SIM105", "SIM106"} <= rules
    report = tmp_path / "out" / "report.json"
    report.parent.mkdir()
    written = run(str(manifest), "--nodes", str(nodes), "-f", "json", "-o", str(report))
    assert written.stdout == ""
    assert json.loads(report.read_text())["schema"] == SCHEMA


def test_cli_manifest_from_stdin(tmp_path: Path) -> None:
    nodes = nodes_file(tmp_path, [node("a")])
    result = run("-", "--nodes", str(nodes), "-f", "json", stdin=AGENT)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["daemonsets"][0]["file"] == "<stdin>"


def test_cli_bad_input_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    manifest = write(tmp_path, "ds.yaml", AGENT)
    broken = write(tmp_path, "nodes.yaml", "kind: Node\nmetadata: {name: [a}\n")
    result = run(str(manifest), "--nodes", str(broken))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert f"dslint: --nodes: no Node object in {broken}" not in result.stderr
    assert f"dslint: {broken}:2: invalid YAML:" in result.stderr
    missing = run(str(manifest), "--nodes", str(tmp_path / "none.json"))
    assert missing.returncode == 2 and "none.json: No such file or directory" in missing.stderr
    empty = write(tmp_path, "empty.yaml", "kind: Namespace\nmetadata: {name: x}\n")
    no_nodes = run(str(manifest), "--nodes", str(empty))
    assert no_nodes.returncode == 2
    assert no_nodes.stderr == f"dslint: --nodes: no Node object in {empty}\n"
    assert run(str(manifest)).returncode == 2  # --nodes is needed
    bad_format = run(str(manifest), "--nodes", str(empty), "-f", "xml")
    assert (
        bad_format.returncode == 2
        and "--format: expected one of text, json, sarif" in bad_format.stderr
    )


def test_simulate_command_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    nodes = str(nodes_file(tmp_path, [node("a")]))
    clean = write(tmp_path, "ds.yaml", AGENT)
    assert simulate_command([str(clean)], [nodes]) == 0
    broken = write(tmp_path, "broken.yaml", AGENT + "  bad: [\n")
    assert simulate_command([str(clean), str(broken)], [nodes]) == 2
    assert f"{broken}:" in capsys.readouterr().err
    assert simulate_command([str(clean)], [nodes], kubernetes_version="one") == 2


# --- the README example --------------------------------------------------------------------------


def readme_example() -> tuple[list[str], str]:
    text = (ROOT / "README.md").read_text()
    section = text.split("## dslint simulate", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```console\n(.*?)```", section, re.DOTALL)
    assert block is not None
    lines = block[1].splitlines(keepends=True)
    command = [lines.pop(0).removeprefix("$ ").strip()]
    while command[-1].endswith("\\"):
        command[-1] = command[-1].removesuffix("\\")
        command.append(lines.pop(0).strip())
    return " ".join(command).split(), "".join(lines)


@needs_corpus
def test_readme_worked_example_runs_as_written() -> None:
    command, expected = readme_example()
    assert command[:2] == ["dslint", "simulate"]
    result = run(*command[2:])
    assert result.stdout == expected
    assert result.returncode == 0


@needs_corpus
def test_readme_json_example_is_what_simulate_writes() -> None:
    text = (ROOT / "README.md").read_text()
    section = text.split("## dslint simulate", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```json\n(.*?)```", section, re.DOTALL)
    assert block is not None
    documented = json.loads(block[1])
    command, _ = readme_example()
    nodes_option = command.index("--nodes")
    written = json.loads(
        run("examples/bad-log-agent.yaml", *command[nodes_option:], "-f", "json").stdout
    )
    (shown,) = documented["daemonsets"]
    (actual,) = written["daemonsets"]
    # The README shows one node of six; every other field is shown whole.
    assert all(node in actual["nodes"] for node in shown.pop("nodes"))
    del actual["nodes"]
    assert shown == actual
    assert documented["summary"] == written["summary"]
    assert documented["schema"] == written["schema"]


def test_large_clusters_get_one_row_per_outcome(tmp_path: Path) -> None:
    import io

    from dslint.cluster.simulate_report import render_text

    taint = [{"key": "gpu", "effect": "NoSchedule"}]
    nodes = [
        node(f"n{i:02}", cpu="1" if i % 2 else "4", taints=taint if i < 5 else None)
        for i in range(60)
    ]
    result = simulate(tmp_path, AGENT.replace("cpu: 500m", "cpu: 2"), nodes)
    out = io.StringIO()
    render_text(result, out)
    rows = [line.split("  ")[1] for line in out.getvalue().splitlines() if " nodes (" in line]
    assert rows == [
        "5 nodes (n00, n01, n02, ...)",
        "28 nodes (n05, n07, n09, ...)",
        "27 nodes (n06, n08, n10, ...)",
    ]
    assert "pending        cpu" in out.getvalue()


def test_lists_and_streams_are_read_as_lint_reads_them(tmp_path: Path) -> None:
    second = AGENT.replace("name: agent,", "name: agent-two,")
    listed = {
        "apiVersion": "v1",
        "kind": "List",
        "items": [{"kind": "Service", "metadata": {"name": "s"}}, json_object(AGENT)],
    }
    manifests = tmp_path / "manifests"
    manifests.mkdir()
    write(manifests, "stream.yaml", AGENT + "---\n" + second)
    (manifests / "list.json").write_text(json.dumps(listed))
    inventory = read_inventory([str(nodes_file(tmp_path, [node("a")]))])
    result = simulate_paths([str(manifests)], inventory)
    assert [(s.file.rsplit("/", 1)[1], s.name, s.line) for s in result.daemonsets] == [
        ("list.json", "agent", 1),
        ("stream.yaml", "agent", 2),
        ("stream.yaml", "agent-two", 19),
    ]
    assert [r.skipped_objects for r in result.files] == [1, 0]


def json_object(text: str) -> Any:
    import yaml

    return yaml.safe_load(text)
