"""Where the cluster-state corpus is, and a marker that skips a test when it is absent."""

from __future__ import annotations

import pytest

from tests.helpers import SHARED

CLUSTER_STATE = SHARED / "corpus" / "cluster-state"
NODES = CLUSTER_STATE / "nodes"
NODE_LISTS = CLUSTER_STATE / "node-lists"
DAEMONSETS = CLUSTER_STATE / "daemonset-status"
NAMESPACES = CLUSTER_STATE / "namespaces"
QUOTAS = CLUSTER_STATE / "quotas"
PODS = CLUSTER_STATE / "pods"

needs_corpus = pytest.mark.skipif(
    not CLUSTER_STATE.is_dir(), reason="shared cluster-state corpus not available"
)
