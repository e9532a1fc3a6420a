"""Reading nodes and cluster objects: every shape kubectl writes; broken input, no traceback."""

from __future__ import annotations

import io
import json
import textwrap
from pathlib import Path

import pytest

from dslint.cluster.inventory import (
    Inventory,
    infer_kind,
    load_text,
    object_name,
    read_inventory,
)
from tests.cluster.corpus import CLUSTER_STATE, NODE_LISTS, NODES, needs_corpus


def load(text: str, default_kind: str | None = None, name: str = "in.yaml") -> Inventory:
    inventory = Inventory()
    load_text(textwrap.dedent(text), name, inventory, default_kind)
    return inventory


def names(objects: list[dict[str, object]]) -> list[str]:
    return [object_name(obj) for obj in objects]


def test_single_node_yaml() -> None:
    inventory = load(
        """
        apiVersion: v1
        kind: Node
        metadata: {name: a}
        """
    )
    assert names(inventory.nodes) == ["a"]
    assert inventory.problems == []


def test_node_list_and_list_and_stream() -> None:
    inventory = load(
        """
        apiVersion: v1
        kind: NodeList
        items:
        - metadata: {name: a}
        - metadata: {name: b}
        ---
        apiVersion: v1
        kind: List
        items:
        - {apiVersion: v1, kind: Node, metadata: {name: c}}
        - {apiVersion: v1, kind: Pod, metadata: {name: p, namespace: x}, spec: {containers: []}}
        """
    )
    assert names(inventory.nodes) == ["a", "b", "c"]  # NodeList items need no kind
    assert names(inventory.pods) == ["p"]


def test_items_without_kind_take_the_shape_or_the_default() -> None:
    text = """
        kind: List
        items:
        - metadata: {name: n1}
          status: {allocatable: {cpu: "2"}}
        - metadata: {name: p1}
          spec: {containers: [{name: c}]}
        - metadata: {name: unknown}
        """
    inventory = load(text)
    assert names(inventory.nodes) == ["n1"]
    assert names(inventory.pods) == ["p1"]
    assert inventory.skipped == {"object without kind": 1}
    assert names(load(text, default_kind="Node").nodes) == ["n1", "unknown"]


def test_json_object_list_array_and_concatenated_documents() -> None:
    node = {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "a"}}
    listed = {"apiVersion": "v1", "kind": "List", "items": [dict(node, metadata={"name": "b"})]}
    text = json.dumps(node) + "\n" + json.dumps(listed, indent=2) + "\n" + json.dumps([node])
    inventory = load(text, name="in.json")
    # The array repeats node "a": the later copy replaces the first and a note says so.
    assert names(inventory.nodes) == ["a", "b"]
    assert [n.message for n in inventory.notes] == [
        'node "a" listed again (first read from in.json)'
    ]


def test_json_goes_through_the_json_parser_and_is_pruned() -> None:
    node = {
        "metadata": {"name": "a", "managedFields": [{"manager": "kubelet"}]},
        "status": {"allocatable": {"cpu": "1"}, "images": [{"names": ["x"]}], "nodeInfo": {}},
    }
    inventory = load(json.dumps(node), default_kind="Node", name="n.json")
    assert inventory.nodes[0]["metadata"] == {"name": "a"}
    assert "images" not in inventory.nodes[0]["status"]


def test_flow_yaml_that_starts_like_json_is_read_as_yaml() -> None:
    inventory = load("{apiVersion: v1, kind: Node, metadata: {name: a}}")
    assert names(inventory.nodes) == ["a"]
    assert inventory.problems == []


def test_invalid_json_names_file_and_line() -> None:
    text = '{\n  "kind": "Node",\n  "metadata": {"name": }\n}'
    inventory = load(text, name="bad.json")
    assert [str(p) for p in inventory.problems] == ["bad.json:3: invalid JSON: Expecting value"]
    # Not named .json: it is valid YAML (the name is null), so it is read as YAML.
    assert len(load(text, name="bad.yaml").nodes) == 1
    broken = load('{"kind": "Node",\n "metadata": {"name": "a"]}', name="stdin")
    assert [str(p) for p in broken.problems] == ["stdin:2: invalid JSON: Expecting ',' delimiter"]


def test_invalid_yaml_names_line_and_costs_no_other_document() -> None:
    inventory = load(
        """
        kind: Node
        metadata: {name: a}
        ---
        kind: Node
        metadata: {name: [b}
        ---
        kind: Node
        metadata: {name: c}
        """,
        name="bad.yaml",
    )
    assert names(inventory.nodes) == ["a", "c"]
    assert len(inventory.problems) == 1
    problem = inventory.problems[0]
    assert (problem.file, problem.line) == ("bad.yaml", 6)
    assert problem.message.startswith("invalid YAML:")


def test_tags_are_never_executed() -> None:
    inventory = load("kind: Node\nmetadata: !!python/object/apply:os.system ['true']\n")
    assert inventory.nodes == []
    assert "could not determine a constructor" in inventory.problems[0].message


def test_deep_nesting_is_a_problem_not_a_crash() -> None:
    assert load("[" * 50_000, name="deep.json").problems[0].message == "JSON is nested too deeply"
    yaml_problem = load("a: " + "[" * 50_000, name="deep.yaml").problems[0]
    assert "nesting depth" in yaml_problem.message


def test_scalars_and_garbage_are_problems() -> None:
    inventory = load("just text\n", name="x.yaml")
    assert [str(p) for p in inventory.problems] == ["x.yaml:1: not a Kubernetes object or list"]


def test_origin_names_the_document_line(tmp_path: Path) -> None:
    path = tmp_path / "cluster.yaml"
    path.write_text(
        "# nodes\nkind: Node\nmetadata: {name: a}\n---\nkind: Namespace\nmetadata: {name: x}\n"
    )
    inventory = read_inventory([str(path)])
    assert inventory.origin(inventory.nodes[0]) == (str(path), 2)
    assert inventory.origin(inventory.namespaces[0]) == (str(path), 5)
    assert inventory.namespace("x") is inventory.namespaces[0]
    assert inventory.namespace("y") is None


def test_unreadable_path_and_size_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    big.write_text(json.dumps({"kind": "Node", "metadata": {"name": "a" * 2000}}))
    missing = tmp_path / "missing.yaml"
    inventory = read_inventory([str(missing), str(big)], max_bytes=1024)
    messages = [str(p) for p in inventory.problems]
    assert messages[0].startswith(str(missing))
    assert "No such file" in messages[0]
    assert messages[1] == f"{big}: inventory is over the limit of 1024 bytes; it was not read"


def test_stdin() -> None:
    stream = io.BytesIO(b'{"kind": "Node", "metadata": {"name": "a"}}')
    inventory = read_inventory(["-"], stdin=stream)
    assert names(inventory.nodes) == ["a"]
    assert inventory.origin(inventory.nodes[0]) == ("<stdin>", 1)


@pytest.mark.parametrize(
    ("obj", "kind"),
    [
        ({"status": {"nodeInfo": {}}}, "Node"),
        ({"spec": {"podCIDR": "10.0.0.0/24"}}, "Node"),
        ({"status": {"desiredNumberScheduled": 2}}, "DaemonSet"),
        ({"spec": {"containers": []}}, "Pod"),
        ({"involvedObject": {}}, "Event"),
        ({"spec": {"hard": {}}}, "ResourceQuota"),
        ({"spec": {"limits": []}}, "LimitRange"),
        ({"metadata": {}}, None),
    ],
)
def test_infer_kind(obj: dict[str, object], kind: str | None) -> None:
    assert infer_kind(obj) == kind


@needs_corpus
def test_whole_corpus_reads_without_problems() -> None:
    inventory = read_inventory([str(CLUSTER_STATE)])
    assert inventory.problems == []
    assert inventory.skipped == {}
    # 153 node objects, of which 144 distinct names (PROVENANCE.md).
    assert len(inventory.nodes) == 144
    assert len(inventory.namespaces) == 12
    assert (len(inventory.resource_quotas), len(inventory.limit_ranges)) == (6, 4)
    assert len(inventory.events) == 22


@needs_corpus
def test_corpus_json_nodes_without_kind_are_nodes() -> None:
    files = sorted(str(p) for p in NODES.glob("openshift__insights-operator__*ywdpkbt*.json"))
    assert len(files) == 6
    inventory = read_inventory(files)
    assert len(inventory.nodes) == 6
    assert all("kind" not in node for node in inventory.nodes)


@needs_corpus
def test_corpus_node_lists_in_yaml_and_json() -> None:
    kind = read_inventory(
        [str(NODE_LISTS / "vmware-tanzu__sonobuoy__kind-healthsummary-nodes.json")]
    )
    assert names(kind.nodes) == ["kind-control-plane", "kind-worker", "kind-worker2"]
    farm = read_inventory([str(NODE_LISTS / "openshift__oc__upgrade-gcp-build-farm-62-nodes.yaml")])
    assert len(farm.nodes) == 62


# --- kubectl's YAML lists, read item by item ------------------------------------------------------

KUBECTL_LIST = """\
apiVersion: v1
items:
- apiVersion: v1
  kind: Node
  metadata:
    name: a
    labels: {pool: x}
# a comment between items
- metadata:
    name: b
  status:
    nodeInfo: {}
-
  metadata:
    name: c
kind: NodeList
metadata:
  resourceVersion: ""
"""


def test_kubectl_list_items_are_read_one_by_one_with_their_lines() -> None:
    inventory = load(KUBECTL_LIST)
    assert names(inventory.nodes) == ["a", "b", "c"]
    assert [inventory.origin(n) for n in inventory.nodes] == [
        ("in.yaml", 3),
        ("in.yaml", 9),
        ("in.yaml", 13),
    ]


def test_a_broken_item_costs_the_other_items_nothing() -> None:
    broken = KUBECTL_LIST.replace("    name: b\n", "    name: [b\n")
    inventory = load(broken)
    assert names(inventory.nodes) == ["a", "c"]
    (problem,) = inventory.problems
    assert (problem.line, problem.message.startswith("invalid YAML: ")) == (11, True)


def test_indented_items_and_other_documents_are_read_whole() -> None:
    indented = "kind: List\nitems:\n  - kind: Node\n    metadata: {name: a}\n"
    assert names(load(indented).nodes) == ["a"]
    not_a_list = "kind: ConfigMap\nitems:\n- a\n- b\n"
    assert load(not_a_list).skipped == {"ConfigMap": 1}


@needs_corpus
def test_item_by_item_reads_what_the_whole_document_reads(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import dslint.cluster.inventory as module

    lists = 0
    for path in sorted(CLUSTER_STATE.glob("*/*.yaml")):
        text = path.read_text(encoding="utf-8")
        by_item = load(text)
        lists += "\nitems:\n- " in text
        with monkeypatch.context() as patched:
            patched.setattr(module, "_load_yaml_list", lambda *arguments: False)
            whole = load(text)
        for field in ("nodes", "pods", "daemonsets", "events"):
            assert getattr(by_item, field) == getattr(whole, field), (path.name, field)
        assert by_item.problems == whole.problems
    assert lists >= 10  # kubectl-style lists of the corpus take the item-by-item path
