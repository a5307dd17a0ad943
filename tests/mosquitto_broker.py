"""A real Mosquitto for the room's tests: the shipped configuration on 127.0.0.1, a free port.

The packaged ``pas-a-pas.conf`` and ``pas-a-pas.acl`` are used as they are, only the address,
the port and the password file's path change: the tests prove what a room installs.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PACKAGED = REPO / "packaging" / "mosquitto"


def mosquitto_binary() -> str | None:
    return shutil.which("mosquitto") or next(
        (p for p in ("/usr/sbin/mosquitto", "/usr/local/sbin/mosquitto") if Path(p).exists()), None
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Broker:
    """One Mosquitto process that can be stopped and started again on the same port."""

    def __init__(self, folder: Path, users: dict[str, str], tls: bool = False) -> None:
        self.binary = mosquitto_binary()
        self.folder = folder
        self.port = free_port()
        self.process: subprocess.Popen | None = None
        passwords = folder / "pas-a-pas.passwd"
        passwords.touch(mode=0o600)
        for user, password in users.items():
            subprocess.run(
                ["mosquitto_passwd", "-b", str(passwords), user, password],
                check=True,
                capture_output=True,
            )
        shipped = "pas-a-pas-tls.conf.example" if tls else "pas-a-pas.conf"
        conf = (PACKAGED / shipped).read_text()
        conf = conf.replace("listener 1883 192.168.1.10", f"listener {self.port} 127.0.0.1")
        conf = conf.replace("listener 8883 192.168.1.10", f"listener {self.port} 127.0.0.1")
        if tls:
            self.ca_file = make_certificates(folder)
            conf = conf.replace("/etc/mosquitto/certs/", f"{folder}/")
        conf = conf.replace("/etc/mosquitto/pas-a-pas.passwd", str(passwords))
        conf = conf.replace("/etc/mosquitto/pas-a-pas.acl", str(PACKAGED / "pas-a-pas.acl"))
        assert f"listener {self.port} 127.0.0.1" in conf and str(passwords) in conf
        if os.geteuid() == 0:  # else Mosquitto becomes the "mosquitto" user: no access here
            conf += "\nuser root\n"
        self.conf = folder / "mosquitto.conf"
        self.conf.write_text(conf)
        self.log = folder / "mosquitto.log"

    def start(self, timeout: float = 10.0) -> None:
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [self.binary, "-c", str(self.conf), "-v"], stdout=log, stderr=log
            )
        deadline = time.monotonic() + timeout
        while True:  # until it listens: a process's start, not a test's assertion
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    log = self.log.read_text()[-2000:]
                    raise RuntimeError(f"mosquitto did not start: {log}") from None
                time.sleep(0.02)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None


def make_certificates(folder: Path) -> Path:
    """A private authority and the broker's certificate for 127.0.0.1, as docs/room.md says
    (with elliptic-curve keys: made in milliseconds). Returns the authority's certificate."""

    def openssl(*args: str) -> None:
        subprocess.run(["openssl", *args], check=True, capture_output=True, cwd=folder)

    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    openssl("req", "-x509", *ec, "-days", "2", "-subj", "/CN=Pas a pas test CA",
            "-keyout", "ca.key", "-out", "pas-a-pas-ca.crt")  # fmt: skip
    openssl("req", *ec, "-subj", "/CN=127.0.0.1", "-keyout", "pas-a-pas-broker.key",
            "-out", "broker.csr")  # fmt: skip
    (folder / "san.ext").write_text("subjectAltName=IP:127.0.0.1\n")
    openssl("x509", "-req", "-in", "broker.csr", "-CA", "pas-a-pas-ca.crt", "-CAkey", "ca.key",
            "-CAcreateserial", "-days", "2", "-extfile", "san.ext",
            "-out", "pas-a-pas-broker.crt")  # fmt: skip
    return folder / "pas-a-pas-ca.crt"
