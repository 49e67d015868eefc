"""The deployment recipes: checked against the code's defaults so they cannot drift, and run where possible."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path, PurePosixPath

import pytest
import yaml

from bot.cli import main
from bot.settings import SETTINGS_DOC
from index import FORMAT_VERSION, Tokenizer, build_index

from .conftest import ROOT

DEPLOY = ROOT / "deploy"
TOKEN = "123456789:" + "D" * 35


def dockerfile() -> dict[str, list[str]]:
    """Instructions of deploy/Dockerfile (continuation lines joined), keyed by instruction."""
    text = re.sub(r"\\\n\s*", " ", (DEPLOY / "Dockerfile").read_text(encoding="utf-8"))
    found: dict[str, list[str]] = {}
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            word, _, rest = line.strip().partition(" ")
            found.setdefault(word.upper(), []).append(rest.strip())
    return found


def docker_env() -> dict[str, str]:
    env: dict[str, str] = {}
    for entry in dockerfile().get("ENV", []):
        env.update(dict(re.findall(r"(\w+)=(\S+)", entry)))
    return env


def state_paths() -> dict[str, str]:
    """Where the code puts corpus, index and data when run in the image's WORKDIR with no setting."""
    workdir = PurePosixPath(dockerfile()["WORKDIR"][-1])
    return {name: str(workdir / SETTINGS_DOC[name][0]) for name in ("GOVQA_CORPUS", "GOVQA_INDEX", "GOVQA_DATA")}


class TestDockerImage:
    def test_volumes_are_where_the_code_keeps_its_state(self) -> None:
        volumes = json.loads(dockerfile()["VOLUME"][-1])
        assert sorted(volumes) == sorted(state_paths().values())
        assert not {"GOVQA_CORPUS", "GOVQA_INDEX", "GOVQA_DATA"} & set(docker_env()), "paths come from the defaults"

    def test_runs_as_a_non_root_user(self) -> None:
        user = dockerfile()["USER"][-1]
        assert user not in ("root", "0") and user in dockerfile()["RUN"][0]

    def test_index_is_built_at_image_build_after_the_corpus_is_copied(self) -> None:
        text = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
        assert "RUN govqa index" in text and text.index("corpus ./corpus") < text.index("RUN govqa index")
        for source in ("pyproject.toml", "README.md", "index", "bot", "corpus"):
            assert (ROOT / source).exists(), source

    def test_healthcheck_uses_the_health_port_setting(self) -> None:
        assert dockerfile()["HEALTHCHECK"][-1].endswith('CMD ["python", "-m", "bot.healthcheck"]')
        env = docker_env()
        assert env["GOVQA_HEALTH_PORT"] == SETTINGS_DOC["GOVQA_HEALTH_PORT"][0]
        assert env["GOVQA_PORT"] in dockerfile()["EXPOSE"][-1].split() and env["GOVQA_HEALTH_PORT"] in dockerfile()["EXPOSE"][-1].split()
        assert env["GOVQA_LISTEN"] == "0.0.0.0", "reachable from outside the container"

    def test_compose_mounts_every_volume_and_reads_the_env_file(self) -> None:
        compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))
        service = compose["services"]["govqa"]
        mounted = sorted(v.split(":", 1)[1] for v in service["volumes"])
        assert mounted == sorted(json.loads(dockerfile()["VOLUME"][-1]))
        assert all(v.split(":", 1)[0] in compose["volumes"] for v in service["volumes"]), "named volumes survive upgrades"
        assert service["env_file"] == "../.env" and service["restart"] in ("unless-stopped", "always", "on-failure")
        context = (DEPLOY / service["build"]["context"]).resolve()
        assert (context / service["build"]["dockerfile"]).is_file()


def test_nginx_forwards_only_the_webhook_and_health() -> None:
    conf = (DEPLOY / "nginx.conf").read_text(encoding="utf-8")
    locations = re.findall(r"location\s+(=?\s*\S+)\s*\{", conf)
    assert locations == ["= /telegram", "= /healthz", "/"]
    assert f"proxy_pass http://127.0.0.1:{SETTINGS_DOC['GOVQA_PORT'][0]}/telegram;" in conf
    assert f"proxy_pass http://127.0.0.1:{SETTINGS_DOC['GOVQA_HEALTH_PORT'][0]}/healthz;" in conf
    assert "return 404;" in conf


class TestSystemdUnit:
    unit = (DEPLOY / "govqa.service").read_text(encoding="utf-8")

    def test_sandboxing_and_restart(self) -> None:
        for directive in ("DynamicUser=yes", "StateDirectory=govqa", "ProtectSystem=strict", "NoNewPrivileges=yes",
                          "Restart=on-failure", "EnvironmentFile=/etc/govqa/govqa.env"):
            assert f"\n{directive}\n" in self.unit, directive
        paths = dict(re.findall(r"(GOVQA_(?:CORPUS|INDEX|DATA))=(\S+)", self.unit))
        assert set(paths) == {"GOVQA_CORPUS", "GOVQA_INDEX", "GOVQA_DATA"}
        assert all(p.startswith("/var/lib/govqa/") for p in paths.values()), "only the state directory is writable"

    @pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed here")
    def test_systemd_analyze_verify(self, tmp_path: Path) -> None:
        # /opt/govqa is not installed on a test machine: point ExecStart at this checkout's govqa, nothing else.
        govqa = Path(sys.executable).with_name("govqa")
        unit = tmp_path / "govqa.service"
        unit.write_text(self.unit.replace("/opt/govqa/venv/bin/govqa", str(govqa)), encoding="utf-8")
        done = subprocess.run(["systemd-analyze", "verify", str(unit)], capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr


@pytest.fixture
def deployed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tokenizer: Tokenizer) -> Path:
    shutil.copytree(ROOT / "corpus", tmp_path / "corpus")
    build_index(tmp_path / "corpus", tmp_path / ".govqa" / "index", tokenizer)
    for name in list(os.environ):
        if name.startswith(("GOVQA_", "TELEGRAM_")):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    monkeypatch.setenv("GOVQA_ADMIN_IDS", "11,22")
    return tmp_path


class TestCheck:
    def test_good_deployment(self, deployed: Path, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["check"]) == 0
        out = capsys.readouterr().out
        assert "admins configured: 2" in out and "long polling" in out and "1 report(s), 27 passages" in out
        assert f"format {FORMAT_VERSION}" in out and out.rstrip().endswith("all good")
        assert TOKEN not in out and TOKEN.split(":")[1] not in out

    def test_bad_setting_is_named(self, deployed: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
        monkeypatch.setenv("GOVQA_WEBHOOK_URL", "https://bot.example.org/telegram")
        assert main(["check"]) == 1
        assert "GOVQA_WEBHOOK_SECRET is required" in capsys.readouterr().out

    def test_missing_token_and_stale_index(self, deployed: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
        monkeypatch.delenv("TELEGRAM_BOT_TOKEN")
        (deployed / "corpus" / "新报告.txt").write_text("某镇2022年报告\n开展演练9次。", encoding="utf-8")
        assert main(["check"]) == 1
        out = capsys.readouterr().out
        assert "✗ TELEGRAM_BOT_TOKEN is not set" in out
        assert "✗ index is out of date for 1 report(s): 新报告.txt" in out
        assert "2 problem(s)" in out

    def test_webhook_mode_is_reported(self, deployed: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
        monkeypatch.setenv("GOVQA_WEBHOOK_URL", "https://bot.example.org/telegram")
        monkeypatch.setenv("GOVQA_WEBHOOK_SECRET", "s3cret")
        assert main(["check"]) == 0
        assert "webhook at https://bot.example.org/telegram" in capsys.readouterr().out


async def test_healthcheck_command_follows_the_health_endpoint(tmp_path: Path, tokenizer: Tokenizer, monkeypatch: pytest.MonkeyPatch) -> None:
    import asyncio

    from bot.app import HealthServer
    from bot.service import QAService

    shutil.copytree(ROOT / "corpus", tmp_path / "corpus")
    service = QAService(tmp_path / "corpus", tmp_path / "index", tmp_path / "data", tokenizer)
    service.load(lambda _m: None)
    from .test_serve import free_port

    port = free_port()
    env = {**os.environ, "GOVQA_HEALTH_PORT": str(port)}
    command = [sys.executable, "-m", "bot.healthcheck"]
    down = await asyncio.create_subprocess_exec(*command, env=env, cwd=ROOT, stderr=asyncio.subprocess.DEVNULL)
    assert await down.wait() == 1
    health = HealthServer(service, "polling", "127.0.0.1", port)
    await health.start()
    try:
        up = await asyncio.create_subprocess_exec(*command, env=env, cwd=ROOT)
        assert await up.wait() == 0
    finally:
        await health.stop()


def test_smoke_script_installs_indexes_checks_and_serves(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GOVQA_", "TELEGRAM_"))}
    env["PYTHON"] = sys.executable
    done = subprocess.run(["bash", str(DEPLOY / "smoke.sh"), str(tmp_path)], capture_output=True, text=True, env=env, timeout=600, check=False)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "OK: installed, indexed, checked, answered, stopped cleanly" in done.stdout
    assert "all good" in done.stdout


def test_readme_settings_table_lists_every_setting() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, (default, _meaning) in SETTINGS_DOC.items():
        assert f"| `{name}` | " + (f"`{default}`" if default else "—") in readme, name
