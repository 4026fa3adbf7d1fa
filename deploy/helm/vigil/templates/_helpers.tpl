{{/* The three services: values key, name, HTTP port, the Kafka user's values key. */}}
{{- define "vigil.components" -}}
- { key: collectorService, name: collector-service, port: 8081 }
- { key: controlEvaluator, name: control-evaluator, port: 8082 }
- { key: reportService, name: report-service, port: 8080 }
{{- end }}

{{- define "vigil.fullname" -}}
{{- printf "%s-%s" .root.Release.Name .c.name | trunc 63 | trimSuffix "-" -}}
{{- end }}

{{- define "vigil.selectorLabels" -}}
app.kubernetes.io/name: vigil
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .c.name }}
{{- end }}

{{- define "vigil.labels" -}}
{{ include "vigil.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: vigil
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
{{- end }}

{{- define "vigil.image" -}}
{{- printf "%s/vigil-%s:%s" .root.Values.image.registry .c.name (default .root.Chart.AppVersion .root.Values.image.tag) -}}
{{- end }}

{{/* Whether this service autoscales (report-service only: the other two must run as exactly one instance). */}}
{{- define "vigil.autoscaled" -}}
{{- if and (eq .c.key "reportService") (or .root.Values.reportService.autoscaling.enabled .root.Values.reportService.autoscaling.kafkaLag.enabled) }}true{{ end }}
{{- end }}

{{/* Files copied owner-only into /run/vigil/keys at start: name (file), secretName, key, env. */}}
{{- define "vigil.keyFiles" -}}
{{- $v := index .root.Values .c.key -}}
{{- $sig := index .root.Values.eventSigning .c.key -}}
- { file: event-signing-key.pem, secretName: {{ required (printf "eventSigning.%s.secretName" .c.key) $sig.secretName }}, key: key.pem, env: VIGIL_EVENTS_SIGNING_KEY_FILE }
{{- if and (eq .c.key "reportService") .root.Values.reportService.bundleSigningKey.secretName }}
- { file: bundle-signing-key.pem, secretName: {{ .root.Values.reportService.bundleSigningKey.secretName }}, key: {{ .root.Values.reportService.bundleSigningKey.key }}, env: VIGIL_BUNDLES_SIGNING_KEY }
{{- end }}
{{- range $v.keyFiles }}
- { file: {{ default .key .file }}, secretName: {{ .secretName }}, key: {{ .key }}, env: {{ .env }} }
{{- end }}
{{- end }}

{{/* Public keys this service trusts, by key id: the evaluator reads the collector's and report-service's events,
     report-service the evaluator's. collector-service consumes nothing. */}}
{{- define "vigil.trustedKeyIds" -}}
{{- $s := .root.Values.eventSigning -}}
{{- if eq .c.key "controlEvaluator" }}
{{- toYaml (concat (list $s.collectorService.keyId $s.reportService.keyId) $s.controlEvaluator.alsoTrust) }}
{{- else if eq .c.key "reportService" }}
{{- toYaml (concat (list $s.controlEvaluator.keyId) $s.reportService.alsoTrust) }}
{{- else }}[]
{{- end }}
{{- end }}

{{- define "vigil.secretEnv" -}}
- name: {{ .name }}
  valueFrom:
    secretKeyRef: { name: {{ .secretName }}, key: {{ .key }} }
{{- end }}
