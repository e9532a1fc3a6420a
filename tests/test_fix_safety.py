"""`--fix` and `--output` never damage or misplace a write: one regression test per way they did.

Each test reproduces a case that once lost data or wrote to the wrong place, and asserts the exact
bytes on disk afterwards.
"""

from __future__ import annotations

import codecs
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from dslint import atomic
from dslint.api import Edit
from dslint.atomic import WriteError, rewrite_manifest, write_output
from dslint.encoding import EncodingError, decode_exactly
from dslint.fix import Refused, apply_edits
from dslint.runner import lint_command
from tests.rules.pod_template import HEADER


def daemonset(pod: str) -> str:
    return HEADER + pod


def dslint(cwd: Path, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "dslint", "lint", "--no-color", *args],
        input=stdin,
        capture_output=True,
        cwd=cwd,
        timeout=120,
        env={**os.environ, "NO_COLOR": "1"},
    )
    return subprocess.CompletedProcess(
        result.args,
        result.returncode,
        result.stdout.decode("utf-8", "replace"),
        result.stderr.decode("utf-8", "replace"),
    )


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return path


def fix_one_rule(
    folder: Path, rule: str, content: str | bytes
) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """Write `ds.yaml` and run `--fix --select rule` on it."""
    manifest = write(folder, "ds.yaml", content)
    return manifest, dslint(folder, "--fix", "--select", rule, "ds.yaml")


# --- what a fix edits -----------------------------------------------------------------------


def test_deleting_a_block_list_keeps_the_next_key_and_its_comment(tmp_path: Path) -> None:
    pod = (
        "      containers:\n"
        "        - name: agent\n"
        "          image: agent:1.0\n"
        "      ephemeralContainers:\n"
        "        - name: debug\n"
        "          image: busybox\n"
        "      terminationGracePeriodSeconds: 30\n"
        "      # the grace period above is tuned for the agent\n"
    )
    manifest, result = fix_one_rule(tmp_path, "ephemeral-containers-forbidden", daemonset(pod))
    assert manifest.read_text() == daemonset(
        pod.replace(
            "      ephemeralContainers:\n        - name: debug\n          image: busybox\n", ""
        )
    )
    assert result.returncode == 0 and "1 fixed" in result.stdout


def test_no_fix_inside_a_mapping_with_duplicate_keys(tmp_path: Path) -> None:
    pod = (
        "      containers:\n"
        "        - name: agent\n"
        "          image: agent:1.0\n"
        "          imagePullPolicy: Never\n"
        "          imagePullPolicy: always\n"
    )
    manifest, result = fix_one_rule(tmp_path, "invalid-image-pull-policy", daemonset(pod))
    assert manifest.read_text() == daemonset(pod)
    assert "not fixed" in result.stderr and "'imagePullPolicy' twice" in result.stderr
    assert "invalid-image-pull-policy" in result.stdout  # still reported


def test_no_fix_on_a_node_shared_through_an_alias(tmp_path: Path) -> None:
    # The DaemonSet's pod spec is also the Job's: deleting the deadline would change both.
    text = (
        "apiVersion: v1\nkind: List\nitems:\n"
        "- apiVersion: apps/v1\n  kind: DaemonSet\n  metadata: {name: agent}\n"
        "  spec:\n    selector: {matchLabels: {app: a}}\n"
        "    template:\n      metadata: {labels: {app: a}}\n"
        "      spec: &pod\n        activeDeadlineSeconds: 30\n"
        "        containers: [{name: a, image: 'a:1'}]\n"
        "- apiVersion: batch/v1\n  kind: Job\n  metadata: {name: once}\n"
        "  spec:\n    template:\n      spec: *pod\n"
    )
    manifest = write(tmp_path, "list.yaml", text)
    result = dslint(tmp_path, "--fix", "--select", "active-deadline-forbidden", "list.yaml")
    assert manifest.read_text() == text
    assert "not fixed" in result.stderr and "alias" in result.stderr


def test_no_fix_on_a_value_whose_anchor_is_used_elsewhere() -> None:
    text = "a: &p always\nb: *p\n"
    with pytest.raises(Refused, match="alias"):
        apply_edits(text, [Edit(("a",), "Always")])


def test_the_round_trip_is_used_only_where_it_keeps_every_other_line() -> None:
    # `- - x` cannot be deleted as a text span; ruamel rewrites only that line.
    assert apply_edits("a:\n- - x\n  - y\nb: 1\n", [Edit(("a", 0, 0), delete=True)]) == (
        "a:\n- - y\nb: 1\n"
    )
    # Here it would drop the comment between the two keys: refused, with the reason.
    text = "c:\n- name: a\n  # the image\n  image: b\n"
    with pytest.raises(Refused, match="round trip would change other lines"):
        apply_edits(text, [Edit(("c", 0, "name"), delete=True)])


# --- every byte the fix does not change ----------------------------------------------------

BROKEN_POD = (
    "      containers:\n"
    "        - name: agent  # caf\xe9\n"
    "          image: agent:1.0\n"
    "          imagePullPolicy: always\n"
)


def _fixed(source: bytes, tmp_path: Path) -> bytes:
    manifest, result = fix_one_rule(tmp_path, "invalid-image-pull-policy", source)
    assert result.returncode == 0, result.stdout + result.stderr
    return manifest.read_bytes()


def test_fix_keeps_latin1_bytes_in_comments(tmp_path: Path) -> None:
    source = daemonset(BROKEN_POD).encode("latin-1")
    assert _fixed(source, tmp_path) == source.replace(b"always", b"Always")


def test_fix_keeps_a_byte_order_mark(tmp_path: Path) -> None:
    source = codecs.BOM_UTF8 + daemonset(BROKEN_POD).encode()
    assert _fixed(source, tmp_path) == source.replace(b"always", b"Always")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_fix_writes_utf16_back_in_utf16(tmp_path: Path, codec: str) -> None:
    bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    text = daemonset(BROKEN_POD)
    source = bom + text.encode(codec)
    assert _fixed(source, tmp_path) == bom + text.replace("always", "Always").encode(codec)


@pytest.mark.parametrize("line_break", ["\r\n", "\r"])
def test_fix_keeps_crlf_and_cr_line_endings(tmp_path: Path, line_break: str) -> None:
    text = daemonset(BROKEN_POD).replace("\n", line_break)
    assert _fixed(text.encode(), tmp_path) == text.replace("always", "Always").encode()


def test_fix_keeps_comments_inside_flow_collections(tmp_path: Path) -> None:
    pod = (
        "      containers: [{name: agent,  # the agent\n"
        "                    image: 'agent:1.0', imagePullPolicy: always}]  # pull\n"
    )
    source = daemonset(pod).encode()
    assert _fixed(source, tmp_path) == source.replace(b"always", b"Always")


def test_fix_keeps_line_endings_when_deleting_and_adding_lines() -> None:
    text = "a: 1\r\nb:\r\n  c: 2\r\n  d: 3\r\ne: 4\r\n"
    assert apply_edits(text, [Edit(("b", "c"), delete=True)]) == "a: 1\r\nb:\r\n  d: 3\r\ne: 4\r\n"
    assert apply_edits(text, [Edit(("b", "x"), 5)]) == (
        "a: 1\r\nb:\r\n  c: 2\r\n  d: 3\r\n  x: 5\r\ne: 4\r\n"
    )


def test_invalid_utf16_is_refused_not_guessed(tmp_path: Path) -> None:
    # A lone surrogate (D800) in a comment: the linter reads it as U+FFFD, a fix cannot keep it.
    text = daemonset(BROKEN_POD) + "# note "
    source = codecs.BOM_UTF16_LE + text.encode("utf-16-le") + b"\x00\xd8" + "\n".encode("utf-16-le")
    manifest = write(tmp_path, "ds.yaml", source)
    result = dslint(tmp_path, "--fix", "ds.yaml")
    assert manifest.read_bytes() == source
    assert result.returncode == 2 and "ds.yaml: not fixed: invalid UTF-16" in result.stdout


# --- links, modes, races and failures --------------------------------------------------------

FIXABLE = daemonset(
    "      containers:\n        - name: agent\n          image: agent:1.0\n"
    "          imagePullPolicy: always\n"
)
FIXED = FIXABLE.replace("always", "Always")


def test_a_symbolic_link_inside_the_tree_stays_a_link_and_its_target_is_fixed(
    tmp_path: Path,
) -> None:
    target = write(tmp_path, "real.yaml", FIXABLE)
    link = tmp_path / "link.yaml"
    link.symlink_to("real.yaml")
    dslint(tmp_path, "--fix", "link.yaml")
    assert link.is_symlink() and os.readlink(link) == "real.yaml"
    assert target.read_text() == FIXED


def test_a_symbolic_link_to_outside_the_tree_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    tree = tmp_path / "tree"
    outside.mkdir()
    tree.mkdir()
    target = write(outside, "real.yaml", FIXABLE)
    (tree / "link.yaml").symlink_to(target)
    # Named on the command line (a folder walk does not follow links out of the folder at all).
    result = dslint(tree, "--fix", "link.yaml")
    assert target.read_text() == FIXABLE
    assert result.returncode == 2 and "outside the paths being linted; not fixed" in result.stdout


def test_a_hard_linked_file_is_fixed_in_place_and_stays_linked(tmp_path: Path) -> None:
    manifest = write(tmp_path, "ds.yaml", FIXABLE)
    other = tmp_path / "other-name.yaml"
    os.link(manifest, other)
    inode = manifest.stat().st_ino
    dslint(tmp_path, "--fix", "ds.yaml")
    assert manifest.stat().st_ino == inode and other.stat().st_ino == inode
    assert other.read_text() == FIXED


def test_a_read_only_file_is_refused_not_replaced(tmp_path: Path) -> None:
    manifest = write(tmp_path, "ds.yaml", FIXABLE)
    manifest.chmod(0o444)
    result = dslint(tmp_path, "--fix", "ds.yaml")
    assert manifest.read_text() == FIXABLE and stat.S_IMODE(manifest.stat().st_mode) == 0o444
    assert result.returncode == 2 and "ds.yaml: read-only; not fixed" in result.stdout
    listed = dslint(tmp_path, "--fix", "--show-fixes", "ds.yaml")
    assert " fixed: " not in listed.stdout, "a fix that was not written is not listed as done"


def test_fix_keeps_the_files_mode(tmp_path: Path) -> None:
    manifest = write(tmp_path, "ds.yaml", FIXABLE)
    manifest.chmod(0o604)
    dslint(tmp_path, "--fix", "ds.yaml")
    assert manifest.read_text() == FIXED and stat.S_IMODE(manifest.stat().st_mode) == 0o604


def test_a_file_changed_since_it_was_read_is_not_written(tmp_path: Path) -> None:
    manifest = write(tmp_path, "ds.yaml", FIXABLE + "# saved by an editor\n")
    with pytest.raises(WriteError, match=r"ds\.yaml: changed since it was read; not fixed"):
        rewrite_manifest(str(manifest), FIXABLE.encode(), FIXED.encode(), [str(tmp_path)])
    assert manifest.read_text() == FIXABLE + "# saved by an editor\n"


def test_a_file_changed_while_the_fix_is_written_is_not_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    manifest = write(tmp_path, "ds.yaml", FIXABLE)
    real_fsync = os.fsync

    def editor_saves(descriptor: int) -> None:  # between the check and the rename
        manifest.write_text(FIXABLE + "# saved by an editor\n")
        real_fsync(descriptor)

    monkeypatch.setattr(atomic.os, "fsync", editor_saves)
    with pytest.raises(WriteError, match=r"^\S*ds\.yaml: changed since it was read; not written"):
        rewrite_manifest(str(manifest), FIXABLE.encode(), FIXED.encode(), [str(tmp_path)])
    assert manifest.read_text() == FIXABLE + "# saved by an editor\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ds.yaml"]


def test_one_failed_write_is_reported_for_that_file_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    first = write(tmp_path, "a.yaml", FIXABLE)
    second = write(tmp_path, "b.yaml", FIXABLE)
    real_replace = os.replace

    def disk_full_for_a(source: str, destination: str) -> None:
        if destination.endswith("a.yaml"):
            raise OSError(28, "No space left on device", source)
        real_replace(source, destination)

    monkeypatch.setattr(atomic.os, "replace", disk_full_for_a)
    monkeypatch.chdir(tmp_path)
    code = lint_command(paths=["a.yaml", "b.yaml"], fix=True, no_color=True)
    out = capsys.readouterr().out
    assert code == 2
    assert "a.yaml: not written: No space left on device" in out and ".dslint-" not in out
    assert first.read_text() == FIXABLE and second.read_text() == FIXED
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml", "b.yaml"]


def test_a_file_deleted_before_its_fix_is_written_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    manifest = write(tmp_path, "ds.yaml", FIXABLE)
    from dslint import autofix

    real_fix_bytes = autofix.fix_bytes

    def delete_first(*args: object, **kwargs: object) -> autofix.FileFix:
        manifest.unlink()
        return real_fix_bytes(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(autofix, "fix_bytes", delete_first)
    monkeypatch.chdir(tmp_path)
    code = lint_command(paths=["ds.yaml"], fix=True, no_color=True)
    assert code == 2 and "ds.yaml: not fixed: No such file" in capsys.readouterr().out
    assert not manifest.exists()


# --- --output ---------------------------------------------------------------------------------


def test_output_to_a_character_device_writes_to_it_and_keeps_it(tmp_path: Path) -> None:
    write(tmp_path, "ds.yaml", FIXABLE)
    before = os.stat("/dev/null")
    result = dslint(tmp_path, "-o", "/dev/null", "ds.yaml")
    after = os.stat("/dev/null")
    assert result.returncode == 1 and stat.S_ISCHR(after.st_mode)
    assert (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)


def test_output_to_dev_stdout_reaches_standard_output(tmp_path: Path) -> None:
    write(tmp_path, "ds.yaml", FIXABLE)
    result = dslint(tmp_path, "-f", "json", "-o", "/dev/stdout", "ds.yaml")
    assert '"invalid-image-pull-policy"' in result.stdout


def test_output_to_a_fifo_writes_into_the_fifo(tmp_path: Path) -> None:
    write(tmp_path, "ds.yaml", FIXABLE)
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = dslint(tmp_path, "-f", "json", "-o", str(fifo), "ds.yaml")
    reader.join(timeout=60)
    assert result.returncode == 1 and stat.S_ISFIFO(fifo.stat().st_mode)
    assert b'"invalid-image-pull-policy"' in received[0]


def test_a_new_output_file_gets_the_umask_mode(tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    old = os.umask(0o027)
    try:
        write_output(str(report), b"{}")
    finally:
        os.umask(old)
    assert stat.S_IMODE(report.stat().st_mode) == 0o640


def test_a_symlinked_output_path_is_written_through(tmp_path: Path) -> None:
    write(tmp_path, "ds.yaml", FIXABLE)
    (tmp_path / "reports").mkdir()
    real = write(tmp_path / "reports", "report.json", "old")
    link = tmp_path / "report.json"
    link.symlink_to(real)
    dslint(tmp_path, "-f", "json", "-o", "report.json", "ds.yaml")
    assert link.is_symlink() and '"invalid-image-pull-policy"' in real.read_text()


def test_a_merge_key_showing_through_a_deleted_value_is_refused() -> None:
    # Deleting m's own x would let the merged x: 1 show through. Keys a merge brings in count
    # as the mapping's own, so m holds x twice and is not fixed.
    text = "base: &b {x: 1}\nm:\n  <<: *b\n  x: 2\n"
    with pytest.raises(Refused, match="holds the key 'x' twice"):
        apply_edits(text, [Edit(("m", "x"), delete=True)])


def test_bytes_that_cannot_be_kept_exactly_are_refused() -> None:
    with pytest.raises(EncodingError, match="private-use"):
        decode_exactly("a: \uf7e9\n# caf".encode() + b"\xe9\n")


def test_a_file_that_must_be_written_in_place_fails_before_losing_a_byte(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    manifest = write(tmp_path, "ds.yaml", FIXABLE)
    os.link(manifest, tmp_path / "other-name.yaml")

    def disk_full(descriptor: int, offset: int, length: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "posix_fallocate", disk_full)
    longer = FIXED + "# one more line\n"
    with pytest.raises(WriteError, match="space could not be reserved"):
        rewrite_manifest(str(manifest), FIXABLE.encode(), longer.encode(), [str(tmp_path)])
    assert manifest.read_text() == FIXABLE


def test_a_file_of_another_owner_is_written_in_place_when_ownership_cannot_be_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    manifest = write(tmp_path, "ds.yaml", FIXABLE)
    inode = manifest.stat().st_ino
    monkeypatch.setattr(atomic.os, "geteuid", lambda: manifest.stat().st_uid + 1)
    rewrite_manifest(str(manifest), FIXABLE.encode(), FIXED.encode(), [str(tmp_path)])
    assert manifest.stat().st_ino == inode and manifest.read_text() == FIXED


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another owner needs root")
def test_a_replaced_file_keeps_its_owner(tmp_path: Path) -> None:
    manifest = write(tmp_path, "ds.yaml", FIXABLE)
    os.chown(manifest, 4321, 4321)
    rewrite_manifest(str(manifest), FIXABLE.encode(), FIXED.encode(), [str(tmp_path)])
    info = manifest.stat()
    assert (info.st_uid, info.st_gid) == (4321, 4321) and manifest.read_text() == FIXED


def test_output_to_dev_stdout_redirected_to_a_file_appends_to_that_file(tmp_path: Path) -> None:
    write(tmp_path, "ds.yaml", FIXABLE)
    captured = tmp_path / "captured.txt"
    with captured.open("wb") as stdout:
        subprocess.run(
            [sys.executable, "-m", "dslint", "lint", "-f", "json", "-o", "/dev/stdout", "ds.yaml"],
            stdout=stdout,
            cwd=tmp_path,
            timeout=120,
        )
    inode = captured.stat().st_ino
    assert '"invalid-image-pull-policy"' in captured.read_text()
    assert captured.stat().st_ino == inode and not captured.is_symlink()
