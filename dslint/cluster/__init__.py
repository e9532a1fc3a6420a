"""Analyzers over several objects of a cluster: where DaemonSet pods run, and why they do not."""
