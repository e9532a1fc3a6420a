"""A DaemonSet's pod template uses a ServiceAccount, ConfigMap, Secret, PriorityClass or
RuntimeClass that nothing in the run defines, though the run defines others of that kind.

Reported at the reference. The references read are `serviceAccountName` (not `default`),
`priorityClassName`, `runtimeClassName`, `imagePullSecrets`, `configMap` and `secret` volumes
(projected ones too), and `envFrom` and `env[].valueFrom` of every container; one marked
`optional: true` is left out. A run that defines no object of a kind says nothing about it: such
a bundle is probably applied alongside another that does.

## Why is this bad?
A pod whose ServiceAccount, ConfigMap or Secret does not exist is never started (the DaemonSet
controller cannot create it, or the kubelet waits on the volume with `CreateContainerConfigError`
or `FailedMount`); an unknown PriorityClass or RuntimeClass is refused at admission. When a bundle
defines its ConfigMaps but not this one, the name is most often a typo or a renamed object.

## Example
```yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: agent-config
---
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
    spec:
      containers:
        - name: agent
          image: registry.example/agent:1.0
      volumes:
        - name: config
          configMap:
            name: agent-conf
```

## Use instead
```yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: agent-config
---
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
    spec:
      containers:
        - name: agent
          image: registry.example/agent:1.0
      volumes:
        - name: config
          configMap:
            name: agent-config
```

## Options
None.

## References
- Configure a pod to use a ConfigMap: https://kubernetes.io/docs/tasks/configure-pod-container/configure-pod-configmap/
- Service accounts: https://kubernetes.io/docs/concepts/security/service-accounts/
- Pod priority: https://kubernetes.io/docs/concepts/scheduling-eviction/pod-priority-preemption/
"""

from __future__ import annotations

CODE = "DS271"
NAME = "missing-referenced-object"
LEVEL = "warning"
ENABLED = False
KINDS = ("DaemonSet",)
FIX = False
