"""A Helm chart or a Kustomize layout could not be rendered, so what it renders was not checked.

Reported on the file and line the renderer names: the template whose `required` or `fail` failed
(with Helm's message), `Chart.yaml` for a dependency that is switched on but not vendored under
`charts/`, the values file that cannot be read, or the `kustomization.yaml` kustomize refused.
Other charts and files keep their findings.

## Why is this bad?
`helm install` and `kubectl apply -k` fail the same way, and no other check can look at the
objects the chart or layout would create.

## Example
```yaml
# templates/daemonset.yaml in a chart, linted with `dslint lint CHART_DIR`:
#   image: {{ required "image.repository is required" .Values.image.repository }}
```

## Use instead
```yaml
# Give the value the chart requires: --set image.repository=registry.example/agent,
# a --values file, or `charts:` in the config.
```

## Options
None.

## References
- Helm template functions `required` and `fail`: https://helm.sh/docs/howto/charts_tips_and_tricks/
- kustomize: https://kubectl.docs.kubernetes.io/references/kustomize/
"""

from __future__ import annotations

CODE = "DS007"
NAME = "render-failed"
LEVEL = "error"
ENABLED = True
KINDS = ("DaemonSet",)
FIX = False
