#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""check-modules.py — pdx-core's modules keep their declared order (app/core/MODULES).

Fails (exit 1, one line per finding, FILE:LINE first) when a file of app/core or a public
header includes a header of a higher module (a back-edge), another module's private header, an
interface its module is not declared for, or a header outside the module folders; when the
modules' include graph has a cycle; when a "computes" module calls a writer of the lab; when a
public header shows SQLite or the CLI or GUI (app/, outside app/core) includes an internal
header of pdx-core; when a file of app/ outside the store names the engine's API (`sqlite3`,
declared by "engine" in MODULES); or when a file or public header belongs to no declared
module. tests/ is
outside the order: a test may include any header of pdx-core.

  check-modules.py [--root DIR] [--expect-violation TEXT]...

--root is the tree to check (default: this script's repository). With --expect-violation the
check itself is tested: exit 0 only if findings were made and each TEXT occurs in one of them
(the fixtures under tests/fixtures/ are trees that must fail)."""

import argparse
import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s*(?:"([^"]+)"|<(pdx/[^>]+)>)')
# Calls that write to the lab: the model's and the store's writers, transactions, raw SQL.
WRITER = re.compile(
    r'\b(pdx_(?:[a-z0-9]+_)*(?:insert|update|delete|assign|import)(?:_[a-z0-9_]+)?'
    r'|pdx_sheet_save[a-z_]*|pdx_db_(?:begin|commit|exec)|sqlite3_exec)\s*\(')
COMMENT = re.compile(r'/\*.*?\*/|//[^\n]*', re.S)


class Order:
    """The declarations of a MODULES file."""

    def __init__(self, path):
        self.rank = {}           # module -> position in the order
        self.public = {}         # public header name -> module
        self.umbrella = set()
        self.interfaces = {}     # "folder/name.h" -> set of modules allowed (owner included)
        self.computes = set()
        self.external = set()
        self.engine = {}         # word of an engine's API -> the one module that may name it
        self.problems = []
        with open(path, encoding='utf-8') as f:
            for number, line in enumerate(f, 1):
                self._parse(path, number, line.split('#', 1)[0].split())

    def _parse(self, path, number, words):
        if not words:
            return
        kind, args = words[0], words[1:]
        if kind == 'module' and args:
            self.rank[args[0]] = len(self.rank)
            for header in args[1:]:
                self.public[header] = args[0]
        elif kind == 'umbrella':
            self.umbrella.update(args)
        elif kind == 'interface' and args:
            owner = args[0].split('/', 1)[0]
            self.interfaces[args[0]] = {owner, *args[1:]}
            for user in args[1:]:
                if self.rank.get(user, -1) <= self.rank.get(owner, len(self.rank)):
                    self.problems.append(f'{path}:{number}: interface {args[0]} offered to '
                                         f'{user}, which is not above {owner}')
        elif kind == 'computes':
            self.computes.update(args)
        elif kind == 'external':
            self.external.update(args)
        elif kind == 'engine' and len(args) >= 2:
            for word in args[1:]:
                self.engine[word] = args[0]
        else:
            self.problems.append(f'{path}:{number}: cannot read "{" ".join(words)[:80]}"')


def source_files(root):
    """(module folder or None, path relative to root) of every .c/.h of app/core and include/pdx."""
    core = os.path.join(root, 'app', 'core')
    for folder, _, names in sorted(os.walk(core)):
        for name in sorted(names):
            if name.endswith(('.c', '.h')):
                rel = os.path.relpath(os.path.join(folder, name), root)
                parts = rel.split(os.sep)
                yield (parts[2] if len(parts) == 4 else None), rel
    public = os.path.join(root, 'include', 'pdx')
    for name in sorted(os.listdir(public)) if os.path.isdir(public) else []:
        if name.endswith('.h'):
            yield 'include', os.path.join('include', 'pdx', name)


class Checker:
    def __init__(self, root, order):
        self.root = root
        self.order = order
        self.findings = list(order.problems)
        self.edges = {}          # (from module, to module) -> first "FILE:LINE" seen

    def module_of(self, folder, rel):
        """The module a file belongs to, or None with a finding."""
        if folder == 'include':
            name = os.path.basename(rel)
            if name in self.order.umbrella:
                return None
            module = self.order.public.get(name)
            if module is None:
                self.findings.append(f'{rel}:1: public header of no module in MODULES')
            return module
        if folder is None or folder not in self.order.rank:
            self.findings.append(f'{rel}:1: not in the folder of a module declared in MODULES')
            return None
        return folder

    def target_of(self, module, rel, header, where):
        """The module @header (as written in an include of @rel) belongs to, or None."""
        o = self.order
        if '..' in header.split('/'):
            self.findings.append(f'{where}: includes "{header}" by a path out of its folder')
            return None
        if header in o.external:
            return None
        if header.startswith('pdx/') or rel.startswith('include'):
            name = header[4:] if header.startswith('pdx/') else header
            if name in o.umbrella:
                self.findings.append(f'{where}: includes the umbrella header {name}')
                return None
            if name not in o.public:
                self.findings.append(f'{where}: includes "{header}", a public header of no module')
            return o.public.get(name)
        if '/' not in header:
            if os.path.exists(os.path.join(self.root, os.path.dirname(rel), header)):
                return module
            self.findings.append(f'{where}: includes "{header}", not a header of its folder')
            return None
        if header in o.interfaces:
            owner = header.split('/', 1)[0]
            if module not in o.interfaces[header]:
                self.findings.append(f'{where}: includes interface {header}, not declared '
                                     f'for module {module}')
            return owner
        owner = header.split('/', 1)[0]
        self.findings.append(f'{where}: includes "{header}", a private header of module {owner}')
        return owner

    def check_file(self, folder, rel):
        module = self.module_of(folder, rel)
        if module is None:
            return
        with open(os.path.join(self.root, rel), encoding='utf-8') as f:
            text = f.read()
        for number, line in enumerate(text.split('\n'), 1):
            match = INCLUDE.match(line)
            if not match:
                continue
            header = match.group(1) or match.group(2)
            where = f'{rel}:{number}'
            target = self.target_of(module, rel, header, where)
            if target is None or target == module:
                continue
            self.edges.setdefault((module, target), where)
            if self.order.rank[target] > self.order.rank[module]:
                self.findings.append(f'{where}: back-edge: {module} includes "{header}" of '
                                     f'{target}, a higher module')
        if module in self.order.computes and rel.endswith('.c'):
            self.check_writes(module, rel, text)

    def check_writes(self, module, rel, text):
        # Comments blanked (newlines kept) so that line numbers stay right.
        code = COMMENT.sub(lambda m: re.sub(r'[^\n]', ' ', m.group(0)), text)
        for number, line in enumerate(code.split('\n'), 1):
            for call in WRITER.findall(line):
                self.findings.append(f'{rel}:{number}: {module} computes, but calls {call}() '
                                     'which writes to the lab')

    def check_cycles(self):
        graph = {}
        for (a, b) in self.edges:
            graph.setdefault(a, set()).add(b)
        state = {}

        def visit(node, path):
            state[node] = 'open'
            for nxt in sorted(graph.get(node, ())):
                if state.get(nxt) == 'open':
                    cycle = path[path.index(nxt):] + [nxt]
                    first = self.edges[(node, nxt)]
                    self.findings.append(f'{first}: cycle between modules: '
                                         + ' -> '.join(cycle))
                elif nxt not in state:
                    visit(nxt, path + [nxt])
            state[node] = 'done'

        for node in sorted(graph):
            if node not in state:
                visit(node, [node])

    def check_public_header(self, rel):
        """No public header shows SQLite: the raw handle stays inside pdx-core."""
        with open(os.path.join(self.root, rel), encoding='utf-8') as f:
            code = COMMENT.sub(lambda m: re.sub(r'[^\n]', ' ', m.group(0)), f.read())
        for number, line in enumerate(code.split('\n'), 1):
            if 'sqlite3' in line:
                self.findings.append(f'{rel}:{number}: public header shows SQLite '
                                     f'("{line.strip()[:80]}"): the handle stays in the store')

    def check_engine(self):
        """Only the store names the engine's API: every other file of app/ talks to the store
        interface. Comments are blanked; strings are not (SQL or a message naming the API's
        functions is a sign of SQL that belongs in the store)."""
        app = os.path.join(self.root, 'app')
        for folder, _, names in sorted(os.walk(app)):
            rel_folder = os.path.relpath(folder, self.root)
            parts = rel_folder.split(os.sep)
            for name in sorted(n for n in names if n.endswith(('.c', '.h'))):
                rel = os.path.join(rel_folder, name)
                with open(os.path.join(self.root, rel), encoding='utf-8') as f:
                    code = COMMENT.sub(lambda m: re.sub(r'[^\n]', ' ', m.group(0)), f.read())
                for word, owner in sorted(self.order.engine.items()):
                    if parts[:3] == ['app', 'core', owner]:
                        continue
                    pattern = re.compile(r'\b' + re.escape(word) + r'\w*')
                    for number, line in enumerate(code.split('\n'), 1):
                        for hit in pattern.findall(line):
                            self.findings.append(f'{rel}:{number}: names {hit} outside the '
                                                 f'{owner} module: only app/core/{owner} talks '
                                                 f'to the engine (use {owner}/pdx-store.h)')
                            break

    def check_clients(self):
        """The CLI and the GUI include pdx-core through its public headers only."""
        app = os.path.join(self.root, 'app')
        for folder, _, names in sorted(os.walk(app)):
            rel_folder = os.path.relpath(folder, self.root)
            if rel_folder.split(os.sep)[:2] == ['app', 'core']:
                continue
            for name in sorted(n for n in names if n.endswith(('.c', '.h'))):
                rel = os.path.join(rel_folder, name)
                with open(os.path.join(self.root, rel), encoding='utf-8') as f:
                    for number, line in enumerate(f, 1):
                        match = INCLUDE.match(line)
                        header = match and (match.group(1) or match.group(2))
                        if header and (header.split('/', 1)[0] in self.order.rank
                                       or 'core/' in header):
                            self.findings.append(f'{rel}:{number}: includes "{header}", an '
                                                 'internal header of pdx-core')

    def run(self):
        for folder, rel in source_files(self.root):
            self.check_file(folder, rel)
            if folder == 'include':
                self.check_public_header(rel)
        self.check_clients()
        self.check_engine()
        self.check_cycles()
        return self.findings


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    default_root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser.add_argument('--root', default=default_root)
    parser.add_argument('--expect-violation', action='append', default=[])
    args = parser.parse_args()
    modules = os.path.join(args.root, 'app', 'core', 'MODULES')
    if not os.path.isfile(modules):
        print(f'{modules}: no MODULES file', file=sys.stderr)
        return 2
    findings = Checker(args.root, Order(modules)).run()
    for line in findings:
        print(line)
    if args.expect_violation:
        missing = [t for t in args.expect_violation if not any(t in f for f in findings)]
        for text in missing:
            print(f'expected a finding with "{text}", found none', file=sys.stderr)
        return 0 if findings and not missing else 1
    if findings:
        print(f'{len(findings)} finding(s): the module order of app/core/MODULES is broken',
              file=sys.stderr)
        return 1
    print(f'{len(Order(modules).rank)} modules, order kept')
    return 0


if __name__ == '__main__':
    sys.exit(main())
