"""Findings on `kubectl get -o yaml` output: what the API server fills in is not a finding.

The server adds `status`, `managedFields`, `uid`, `resourceVersion`, defaulted fields
(`imagePullPolicy`, `terminationMessagePath`, `dnsPolicy`, probe defaults, `updateStrategy`) and
copies `serviceAccountName` into the deprecated `serviceAccount`. Linting the returned object must
give the same findings as linting the manifest that was applied, with every rule on.
"""

from __future__ import annotations

from dslint.config import parse_config
from dslint.engine import Linter

APPLIED = """\
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
  namespace: monitoring
  labels: {app.kubernetes.io/name: agent}
spec:
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
    spec:
      serviceAccountName: agent
      containers:
        - name: agent
          image: registry.example.com/agent:1.4.2
          resources:
            requests: {cpu: 50m, memory: 64Mi}
            limits: {memory: 128Mi}
          readinessProbe:
            httpGet: {path: /ready, port: 8080}
"""

RETURNED = """\
apiVersion: apps/v1
kind: DaemonSet
metadata:
  annotations:
    deprecated.daemonset.template.generation: "3"
    kubectl.kubernetes.io/last-applied-configuration: |
      {"apiVersion":"apps/v1","kind":"DaemonSet","metadata":{"annotations":{},"name":"agent","namespace":"monitoring"}}
  creationTimestamp: "2026-11-02T10:00:00Z"
  generation: 3
  labels: {app.kubernetes.io/name: agent}
  managedFields:
  - apiVersion: apps/v1
    fieldsType: FieldsV1
    fieldsV1:
      f:spec:
        f:template:
          f:spec:
            f:containers:
              k:{"name":"agent"}:
                .: {}
                f:image: {}
    manager: kubectl-client-side-apply
    operation: Update
    time: "2026-11-02T10:00:00Z"
  name: agent
  namespace: monitoring
  resourceVersion: "123456"
  uid: 6c1d1c2e-0000-4000-8000-000000000000
spec:
  revisionHistoryLimit: 10
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      creationTimestamp: null
      labels: {app: agent}
    spec:
      containers:
      - image: registry.example.com/agent:1.4.2
        imagePullPolicy: IfNotPresent
        name: agent
        readinessProbe:
          failureThreshold: 3
          httpGet: {path: /ready, port: 8080, scheme: HTTP}
          periodSeconds: 10
          successThreshold: 1
          timeoutSeconds: 1
        resources:
          limits: {memory: 128Mi}
          requests: {cpu: 50m, memory: 64Mi}
        terminationMessagePath: /dev/termination-log
        terminationMessagePolicy: File
      dnsPolicy: ClusterFirst
      restartPolicy: Always
      schedulerName: default-scheduler
      securityContext: {}
      serviceAccount: agent
      serviceAccountName: agent
      terminationGracePeriodSeconds: 30
  updateStrategy:
    rollingUpdate: {maxSurge: 0, maxUnavailable: 1}
    type: RollingUpdate
status:
  currentNumberScheduled: 3
  desiredNumberScheduled: 3
  numberAvailable: 3
  numberMisscheduled: 0
  numberReady: 3
  observedGeneration: 3
  updatedNumberScheduled: 3
"""


def _findings(text: str) -> list[tuple[str, str]]:
    linter = Linter(parse_config({"extends": "strict"}))
    return sorted((d.name, d.message) for d in linter.lint_text(text, "ds.yaml").diagnostics)


def _without_the_default_note(findings: list[tuple[str, str]]) -> list[tuple[str, str]]:
    # slow-rolling-update says "(the default)" when maxUnavailable is not written; the server
    # writes it, so only that remark differs.
    return [(name, message.replace(" (the default)", "")) for name, message in findings]


def test_server_filled_fields_produce_no_findings() -> None:
    applied = _without_the_default_note(_findings(APPLIED))
    returned = _without_the_default_note(_findings(RETURNED))
    assert returned == applied
    assert ("deprecated-service-account-field") not in {name for name, _ in returned}
