"""Analyzers over several objects of a cluster: where daemon pods run, whether they fit, why not.

- `inventory`: reading Nodes and other cluster objects from `kubectl get -o yaml|json` files.
- `placement`: which nodes the DaemonSet controller wants a pod on (`NodeShouldRunDaemonPod`).
- `fit`: whether the pod fits on a node (requests, allocatable, running pods, host ports);
  `admission`: Pod Security, LimitRange and ResourceQuota on the pods; `rollout`: waves and cost.
- `simulate`: a DaemonSet against a cluster, its findings and the JSON contract;
  `simulate_report`: the `dslint simulate` command and its text, JSON and SARIF.
- `snapshot`: a snapshot (DaemonSets with status, Pods, Nodes, Events, ...) read and indexed.
- `explain`: what one pod, event or node condition says; `diagnose`: why a DaemonSet's numbers
  differ; `diagnose_report`: the `dslint diagnose` command and its text, JSON and SARIF.

Everything here works on the objects as plain data (dicts and lists as parsed), with no I/O
outside `inventory` and `snapshot`.
"""
