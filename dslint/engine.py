"""Running rules over parsed documents and turning findings into located diagnostics.

Failures are isolated: a rule that raises becomes one `internal-error` diagnostic for that rule and
object, and every other rule and object keeps its findings.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import islice
from typing import Any

from dslint import crossobject, roles, suppress
from dslint.api import Edit, Finding, Manifest, Path
from dslint.config import ActiveRule, Config, resolve_rules
from dslint.document import (
    MAX_DOCUMENTS,
    Document,
    Problem,
    iter_objects,
    meant_for_kubernetes,
    parse_document,
    split_documents,
    too_many_documents,
)
from dslint.isolation import (
    RuleGuard,
    read_only,
    thawed,
)
from dslint.k8s import looks_like_daemonset
from dslint.registry import BUILT_IN, Registry, Rule, load_registry
from dslint.render.templates import is_helm_template, is_kustomize_patch, skipped_on_patches
from dslint.results import (
    INPUT_LIMIT_EXCEEDED,
    INTERNAL_ERROR,
    Diagnostic,
    DocumentResult,
    FileResult,
    ObjectResult,
    ObjectRole,
    ObjectSummary,
    Reference,
    json_pointer,
    located,
)
from dslint.source import Source, SourceError, discover, read_path


def _too_many(limit: int, line: int, column: int) -> Problem:
    return Problem(
        INPUT_LIMIT_EXCEEDED,
        f"more than {limit} DaemonSets in one file; this one and those after it were not checked "
        "(raise the limit with --max-daemonsets-per-file)",
        line,
        column,
    )


class Linter:
    """Rules resolved once for a configuration, applied to any number of sources."""

    def __init__(self, config: Config | None = None, registry: Registry | None = None) -> None:
        self.config = config or Config()
        self.registry = registry or load_registry(rules_dirs=self.config.rules_dirs)
        self.active: list[ActiveRule] = resolve_rules(self.config, self.registry)
        self.active_by_name: dict[str, ActiveRule] = {a.rule.name: a for a in self.active}
        self.checkers = [a for a in self.active if a.rule.check is not None]
        self.patch_checkers = [a for a in self.checkers if not skipped_on_patches(a.rule.name)]
        self.settings: Mapping[str, Any] = {"pod_security": self.config.pod_security}
        # Rules whose warnings a comment explaining the setting lowers to info.
        self.recorded_choices = {
            a.rule.name for a in self.active if a.rule.recorded_choice and not a.level_from_config
        }
        self.guard = RuleGuard(self.config.rule_time_budget)
        # Active rules over the whole run (dslint/crossobject.py): name -> (code, name, level).
        self.cross_rules = {
            a.rule.name: (a.rule.code, a.rule.name, a.level)
            for a in self.active
            if a.rule.name in crossobject.RULE_NAMES
        }
        # What a suppression comment may name: every rule's code and name, enabled or not.
        self.rule_ids = frozenset(
            identifier.lower() for rule in self.registry for identifier in (rule.code, rule.name)
        )

    @property
    def rules(self) -> list[Rule]:
        return [a.rule for a in self.active]

    def lint_source(self, source: Source, jobs: int = 1) -> FileResult:
        """Lint one text; `jobs` > 1 (0: every core) spreads a long stream over cores."""
        result = FileResult(source.name)
        if is_helm_template(source.name, source.text):
            result.template = True  # linted when its chart is rendered; not YAML until then
            return result
        if source.limit_exceeded is not None:
            if source.head and not meant_for_kubernetes(None, source.head):
                # A 7 MB package-lock.json is no manifest: skipped, as any non-Kubernetes file.
                result.skipped_objects = 1
                return result
            # Not read: one finding, or an error when that rule is off (never a silent pass).
            limit = Problem(INPUT_LIMIT_EXCEEDED, source.limit_exceeded, 1, 1)
            result.diagnostics.extend(self._problems(source.name, [limit]))
            if not result.diagnostics:
                result.error = f"{source.name}: {source.limit_exceeded}"
            return result
        stream = split_documents(source.text)
        # A stream may hold as many documents as DaemonSets are allowed, and never fewer than
        # MAX_DOCUMENTS; each is parsed one at a time on one core.
        max_documents = max(MAX_DOCUMENTS, self.config.max_daemonsets_per_file)
        chunks = islice(stream, max_documents)
        documents: Iterable[DocumentResult]
        partial = is_kustomize_patch(source.name)
        if jobs != 1 and not partial:  # a patch is short: no need for the cores
            from dslint.parallel import lint_documents

            documents = lint_documents(self, source.name, list(chunks), jobs)
        else:
            lint = self.lint_document
            if partial:
                lint = functools.partial(self.lint_document, partial=True)
            documents = (lint(source.name, chunk, offset) for offset, chunk in chunks)
        self._merge(result, documents)
        past_limit = next(stream, None)
        if past_limit is not None:
            problem = too_many_documents(past_limit[0], max_documents)
            result.diagnostics.extend(self._problems(source.name, [problem]))
        comment_problems = suppress.apply_comments(result.diagnostics, source.text, self.rule_ids)
        result.diagnostics.extend(self._problems(source.name, comment_problems))
        suppress.apply_recorded_choices(result.diagnostics, source.text, self.recorded_choices)
        result.diagnostics.sort(key=Diagnostic.sort_key)
        shown = [d.line for d in result.diagnostics]
        if result.summaries:
            # Findings over the run come later, without the text: keep what they need of it.
            shown.extend(s.line for s in result.summaries)
            shown.extend(r.line for s in result.summaries for r in s.references)
            if "dslint:" in source.text:
                result.suppressions = suppress.parse_comments(source.text)
        if shown:
            lines = source.text.splitlines()
            for line in shown:
                if 0 < line <= len(lines):
                    result.excerpts[line] = lines[line - 1]
        return result

    def lint_document(
        self, file: str, text: str, line_offset: int, partial: bool = False
    ) -> DocumentResult:
        """Parse one document of a stream and check each DaemonSet in it (no per-file limits).

        `partial`: the document is a patch, so rules about what is missing do not run.
        """
        document = parse_document(text, 0, line_offset)
        outcome = DocumentResult(
            counted=document.root is not None or bool(document.problems),
            problems=list(self._problems(file, document.problems)),
        )
        if document.data is None:
            if document.skipped:  # not Kubernetes, and not readable: a skipped object
                outcome.objects.append(ObjectResult(daemonset=False))
            return outcome
        for prefix, obj in iter_objects(document):
            if self.cross_rules:
                summary = self._summary(file, document, prefix, obj)
                if summary is not None:
                    outcome.summaries.append(summary)
            if not looks_like_daemonset(obj):
                outcome.objects.append(ObjectResult(daemonset=False))
                continue
            found, role = self._check_object(file, document, prefix, obj, partial)
            suppress.apply_annotations(found, obj)
            region = document.locate((*prefix, "kind"))
            outcome.objects.append(
                ObjectResult(True, role.object_name, tuple(found), region.line, region.column, role)
            )
        return outcome

    def _merge(self, result: FileResult, documents: Iterable[DocumentResult]) -> None:
        """Add each document's outcome to the file's, in order, applying the per-file limits."""
        over_limit = False
        for document in documents:
            result.summaries.extend(document.summaries)
            result.documents += document.counted
            result.diagnostics.extend(document.problems)
            for obj in document.objects:
                if not obj.daemonset:
                    result.skipped_objects += 1
                elif result.daemonsets == self.config.max_daemonsets_per_file:
                    # Every rule runs on each DaemonSet: past this many, time is unbounded.
                    result.skipped_objects += 1
                    if not over_limit:
                        over_limit = True
                        limit = self.config.max_daemonsets_per_file
                        problem = _too_many(limit, obj.line, obj.column)
                        result.diagnostics.extend(self._problems(result.file, [problem]))
                else:
                    result.daemonsets += 1
                    result.objects.append(obj.name)
                    if obj.role is not None:
                        result.roles.append(obj.role)
                    result.diagnostics.extend(obj.diagnostics)

    def _summary(
        self, file: str, document: Document, prefix: Path, obj: dict[str, Any]
    ) -> ObjectSummary | None:
        """What the checks over the run need of one object, located."""
        identity = crossobject.identity(obj)
        if identity is None:
            return None
        kind, namespace, name = identity
        at = document.locate((*prefix, "metadata", "name"))
        refs = []
        for ref_kind, ref_name, path in crossobject.references(obj):
            region = document.locate((*prefix, *path))
            refs.append(
                Reference(
                    ref_kind,
                    ref_name,
                    region.line,
                    region.column,
                    region.end_line,
                    region.end_column,
                    json_pointer((*prefix, *path)),
                )
            )
        annotations = tuple(suppress.annotation_suppressions(obj).items())
        return ObjectSummary(
            file,
            kind,
            namespace,
            name,
            at.line,
            at.column,
            at.end_line,
            at.end_column,
            tuple(refs),
            annotations,
            json_pointer((*prefix, "metadata", "name")),
        )

    def cross_checked(self, results: Iterable[FileResult]) -> Iterator[FileResult]:
        """The results of a run, with the findings over all of its objects added to them.

        With no such rule active the results pass straight through (streamed); otherwise they
        are kept until the last file is linted, since a finding may belong to an earlier file.
        """
        if not self.cross_rules:
            yield from results
            return
        kept = list(results)
        summaries = [summary for result in kept for summary in result.summaries]
        by_file: dict[str, list[Diagnostic]] = {}
        for diagnostic in crossobject.check(summaries, self.cross_rules):
            by_file.setdefault(diagnostic.file, []).append(diagnostic)
        for result in kept:
            found = by_file.pop(result.file, [])
            comments = result.suppressions
            for index, diagnostic in enumerate(found):
                reason = comments.reason_for(diagnostic) if comments is not None else None
                if diagnostic.suppressed is None and reason is not None:
                    found[index] = diagnostic._replace(suppressed=reason)
            if found:
                result.diagnostics.extend(found)
                result.diagnostics.sort(key=Diagnostic.sort_key)
            yield result

    def _problems(self, file: str, problems: Sequence[Problem]) -> Iterator[Diagnostic]:
        for problem in problems:
            active = self.active_by_name.get(problem.rule)
            if active is None:
                continue
            yield Diagnostic(
                file,
                problem.line,
                problem.column,
                problem.line,
                problem.column + 1,
                active.rule.code,
                active.rule.name,
                active.level,
                problem.message,
            )

    def _check_object(
        self,
        file: str,
        document: Document,
        prefix: Path,
        obj: dict[str, Any],
        partial: bool = False,
    ) -> tuple[list[Diagnostic], ObjectRole]:
        manifest = Manifest(obj, self.config.kubernetes_version, self.settings)
        name = manifest.name
        configured = self.config.role_for(file, manifest.namespace, name)
        if configured is not None:
            manifest.derived[roles.OVERRIDE_KEY] = configured
        guarded_view: Manifest | None = None  # read-only, for rules that do not ship with dslint
        found: list[Diagnostic] = []
        with self.guard.session() as session:
            for active in self.patch_checkers if partial else self.checkers:
                rule = active.rule
                view = manifest
                if rule.origin != BUILT_IN:
                    if guarded_view is None:
                        data = read_only(obj)
                        guarded_view = Manifest(data, manifest.kubernetes_version, self.settings)
                        if configured is not None:
                            guarded_view.derived[roles.OVERRIDE_KEY] = configured
                    view = guarded_view
                findings, failure = session.run(rule.name, rule.run, view, active.options)
                if failure is not None:
                    found.append(self._internal_error(file, document, prefix, name, rule, failure))
                    continue
                found.extend(self._locate(file, document, prefix, name, active, findings))
        role = roles.role_of(manifest)
        return found, ObjectRole(name, role.name, role.source, role.evidence)

    def _locate(
        self,
        file: str,
        document: Document,
        prefix: Path,
        name: str,
        active: ActiveRule,
        findings: list[Finding],
    ) -> Iterator[Diagnostic]:
        rule = active.rule
        for finding in findings:
            path = (*prefix, *finding.path)
            region = document.locate(path, at_key=finding.at_key)
            level = active.level
            if finding.level is not None and not active.level_from_config:
                level = finding.level
            fix = tuple(Edit((*prefix, *e.path), thawed(e.value), e.delete) for e in finding.fix)
            yield located(
                file, region, (rule.code, rule.name, level), finding.message, path, name, fix
            )

    def _internal_error(
        self,
        file: str,
        document: Document,
        prefix: Path,
        name: str,
        rule: Rule,
        failure: str,
    ) -> Diagnostic:
        region = document.locate((*prefix, "kind"))
        internal = self.active_by_name.get(INTERNAL_ERROR)
        return located(
            file,
            region,
            (internal.rule.code if internal else "DS000", INTERNAL_ERROR, "error"),
            f"rule {rule.code} {rule.name} failed on DaemonSet {name!r}: "
            f"{failure}; other rules were not affected",
            prefix,
            name,
        )

    def lint_text(self, text: str, filename: str = "<stdin>") -> FileResult:
        """Lint one text as a run of its own (the checks over its objects included)."""
        return next(self.cross_checked([self.lint_source(Source(filename, text))]))

    def lint_file(self, path: str, jobs: int = 1) -> FileResult:
        """Lint one file; a file that cannot be read gives a result with `error`."""
        try:
            source = read_path(path, self.config.max_file_bytes)
        except SourceError as error:
            return FileResult(path, error=str(error))
        return self.lint_source(source, jobs)

    def lint_paths(self, paths: Iterable[str], jobs: int = 1) -> Iterator[FileResult]:
        """Lint files and folders, in order; `jobs` > 1 (0: every core) spreads files over cores."""
        walked = discover(paths, respect_ignores=self.config.respect_ignores)
        files = (path for path in walked if not self.config.is_excluded(path))
        if jobs == 1:
            for path in files:
                yield self.lint_file(path)
            return
        from dslint.parallel import lint_files

        yield from lint_files(self, files, jobs)


def lint_text(text: str, filename: str = "<stdin>", config: Config | None = None) -> FileResult:
    """Lint one text (a file's content or standard input) and return its diagnostics."""
    return Linter(config).lint_text(text, filename)


def lint_paths(paths: Iterable[str], config: Config | None = None) -> Iterator[FileResult]:
    """Lint files and folders, yielding one result per file as it is done."""
    linter = Linter(config)
    return linter.cross_checked(linter.lint_paths(paths))


__all__ = ["Diagnostic", "FileResult", "Linter", "SourceError", "lint_paths", "lint_text"]
