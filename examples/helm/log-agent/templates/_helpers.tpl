{{- define "log-agent.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "log-agent.volumes" -}}
- name: varlog
  hostPath:
    path: /var/log
{{- end }}
