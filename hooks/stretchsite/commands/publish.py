"""`python -m stretchsite publish`: build the site for publishing, all or nothing.

MkDocs empties its output folder before it writes, so a build that fails halfway would leave no
site, or half of one. This builds into a fresh folder beside the output and swaps it in only
when the whole strict build passed; a failed build leaves the previous site exactly as it was.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def unsafe_output(output: Path, project: Path) -> str | None:
    """Why `output` must not be replaced (it would delete the project or part of it), or None."""
    output, project = output.resolve(), project.resolve()
    if output == project or project.is_relative_to(output):
        return f"{output} holds the project itself; build into a folder of its own, like site/"
    for part in ("content", "docs", "hooks", "overrides", ".git"):
        if output.is_relative_to(project / part):
            return f"{output} is inside {part}/; build into a folder of its own, like site/"
    return None


def publish(config_file: Path, output: Path) -> int:
    refused = unsafe_output(output, config_file.resolve().parent)
    if refused:
        print(f"Nothing was built: {refused}", file=sys.stderr)
        return 2
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.building-", dir=output.parent))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    try:
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "mkdocs",
                "build",
                "--strict",
                "--quiet",
                "-f",
                str(config_file),
                "-d",
                str(staging),
            ],
            env=env,
            check=False,
        )
        if result.returncode != 0:
            kept = "the previous site" if output.exists() else "nothing"
            print(f"Build failed; {kept} in {output} was left untouched.", file=sys.stderr)
            return result.returncode
        retired = output.with_name(f".{output.name}.previous")
        shutil.rmtree(retired, ignore_errors=True)
        if output.exists():
            output.rename(retired)
        staging.rename(output)
        shutil.rmtree(retired, ignore_errors=True)
        print(f"Built the site into {output}.")
        return 0
    finally:
        shutil.rmtree(staging, ignore_errors=True)
