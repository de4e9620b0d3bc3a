"""The path check of a run: inputs exist, no output is an input, no two outputs are one file."""

from __future__ import annotations

import os
from pathlib import Path

from extractor.io.paths import clashes, missing_inputs
from extractor.io.readers import expand_inputs
from extractor.io.writers import OutputFile


def _check(inputs, outputs):
    return clashes(expand_inputs(inputs), [(option, OutputFile(path)) for option, path in outputs])


def test_missing_inputs_and_empty_globs(tmp_path: Path):
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere")
    problems = missing_inputs([str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), str(tmp_path / "*.md"), str(tmp_path / "dangling.txt")])
    assert problems == [f"{tmp_path / 'b.txt'}: no such file or directory", f"{tmp_path / '*.md'}: no file matches this pattern"]


def test_every_way_an_output_can_be_an_input(tmp_path: Path):
    data = tmp_path / "in.jsonl"
    data.write_text('{"text": "x"}\n', encoding="utf-8")
    (tmp_path / "link.jsonl").symlink_to(data)
    os.link(data, tmp_path / "hard.jsonl")
    for output in (data, tmp_path / "link.jsonl", tmp_path / "hard.jsonl", tmp_path / "sub" / ".." / "in.jsonl"):
        [problem] = _check([str(data)], [("-o", str(output))])
        assert problem.startswith(f"-o {output} is the input file {data}")
    [problem] = _check([str(data)], [("-o", str(tmp_path / "out.jsonl")), ("--stats", str(data))])
    assert problem.startswith(f"--stats {data} is the input file")


def test_outputs_that_are_one_file(tmp_path: Path):
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    [problem] = _check([str(tmp_path / "a.txt")], [("-o", str(out)), ("--errors", str(out))])
    assert problem == f"--errors {out} and -o {out} are the same file: give them different paths"
    assert _check([str(tmp_path / "a.txt")], [("-o", "/dev/null"), ("--errors", "/dev/null")]) == []
    assert _check([str(tmp_path / "a.txt")], [("-o", "-"), ("--errors", str(out))]) == []


def test_outputs_inside_an_input_folder_are_left_out_not_read(tmp_path: Path):
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    out.write_text("{}\n", encoding="utf-8")
    assert expand_inputs([tmp_path], exclude=[out]) == [tmp_path / "a.txt"]
