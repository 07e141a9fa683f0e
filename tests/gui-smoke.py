#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""gui-smoke.py — end-to-end smoke test of the real pdxtrack binary.

Runs `pdxtrack --demo` in a private home under the display and session bus it is given
(meson runs it through xvfb-run and dbus-run-session), finds the window over AT-SPI, opens the
Measure tab (Alt+3), types a BLI flux and two body weights with the keyboard alone (Tab across, Enter down), saves with
Ctrl+S, quits with Ctrl+Q, and checks: exit status 0, no GTK/GLib warning on stderr, and both
weights in the lab database with the operator and date of today.
usage: gui-smoke.py PATH/TO/pdxtrack
"""
import datetime
import glob
import os
import sqlite3
import subprocess
import sys
import tempfile
import time

try:
    import pyatspi
except ImportError:
    print("1..0 # SKIP python3-pyatspi is not installed (apt install python3-pyatspi)")
    sys.exit(77)


def fail(message):
    print("not ok - " + message)
    sys.exit(1)


def find_app(name, timeout=45):
    end = time.time() + timeout
    while time.time() < end:
        try:
            for app in pyatspi.Registry.getDesktop(0):
                if app is not None and app.name == name:
                    return app
        except Exception:
            pass
        time.sleep(0.5)
    fail("no AT-SPI application named %s (saw %r)" % (name, [a.name for a in pyatspi.Registry.getDesktop(0) if a is not None]))


def find(node, predicate, depth=0):
    if node is None or depth > 60:
        return None
    try:
        if predicate(node):
            return node
        for child in node:
            found = find(child, predicate, depth + 1)
            if found is not None:
                return found
    except Exception:
        return None
    return None


def wait_find(root, predicate, what, timeout=15):
    end = time.time() + timeout
    while time.time() < end:
        node = find(root, predicate)
        if node is not None:
            return node
        time.sleep(0.3)
    fail("not found: " + what)


def xdotool(*args):
    subprocess.run(["xdotool"] + list(args), check=True)


def main():
    binary = sys.argv[1]
    home = tempfile.mkdtemp(prefix="pdxtrack-smoke-")
    env = dict(os.environ)
    env.pop("GTK_A11Y", None)
    env.pop("NO_AT_BRIDGE", None)
    env.update(HOME=home, XDG_DATA_HOME=home + "/data", XDG_CONFIG_HOME=home + "/config",
               XDG_CACHE_HOME=home + "/cache", GSETTINGS_BACKEND="memory", LC_ALL="C.UTF-8")
    # Bring the accessibility bus and registry up before the app starts, or it may not register.
    pyatspi.Registry.getDesktop(0).childCount
    time.sleep(1.0)
    stderr_path = os.path.join(home, "stderr.txt")
    with open(stderr_path, "w") as err:
        app_proc = subprocess.Popen([binary, "--demo"], env=env, stderr=err, stdout=err)
    app = find_app("pdxtrack")
    wait_find(app, lambda n: n.name == "Measure" and n.getRoleName() == "page tab", "Measure tab")
    time.sleep(0.5)
    xdotool("key", "alt+3")    # the Measure tab, as a scientist would switch to it
    wait_find(app, lambda n: n.name == "Weight (g) of mouse D-01", "weight cell of D-01")
    time.sleep(1.0)
    # The cursor starts in the first mouse's BLI cell: type, Tab to the weight, Enter down.
    xdotool("type", "--delay", "30", "1.2e6")
    xdotool("key", "Tab")
    xdotool("type", "--delay", "30", "21.5")
    xdotool("key", "Return")
    time.sleep(0.5)
    xdotool("type", "--delay", "30", "22.0")
    time.sleep(0.3)
    xdotool("key", "ctrl+s")
    time.sleep(1.0)
    xdotool("key", "ctrl+q")
    try:
        code = app_proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        app_proc.kill()
        fail("pdxtrack did not quit on Ctrl+Q")
    with open(stderr_path) as err:
        noise = [l for l in err.read().splitlines()
                 if ("WARNING" in l or "CRITICAL" in l or "ERROR" in l) and "dbus-daemon" not in l]
    if code != 0:
        fail("exit status %d" % code)
    if noise:
        fail("warnings on stderr:\n" + "\n".join(noise))
    labs = glob.glob(home + "/data/pdxtrack/demo-*.pdxlab")
    if len(labs) != 1:
        fail("expected one demo lab, found %r" % labs)
    today = datetime.date.today().isoformat()
    db = sqlite3.connect(labs[0])
    rows = {tag: (bli, weight) for tag, bli, weight in db.execute(
        "SELECT mo.tag, me.bli_flux, me.weight_g FROM measurement me"
        " JOIN mouse mo ON mo.id = me.mouse_id WHERE me.date = ? ORDER BY mo.tag", (today,))}
    if rows != {"D-01": (1.2e6, 21.5), "D-02": (None, 22.0)}:
        fail("weights in the lab: %r" % rows)
    print("ok - BLI and weights typed with the keyboard alone, saved with Ctrl+S, quit cleanly")


if __name__ == "__main__":
    main()
