"""Bundled JSON schemas for apps/v1 DaemonSet, one per supported Kubernetes minor version."""
