"""The nbgitpuller link that hands this course to the users of a JupyterHub.

  python tools/classroom/hub_link.py HUB [--repo URL] [--branch B] [--notebook PATH]     (make hub-link HUB=...)

Opening the link logs the user into HUB, clones (first time) or updates (later) the repository into a folder of
their home named after it (targetpath: the name without .git), and opens the notebook in JupyterLab. nbgitpuller never overwrites a file the user
changed. The repository is this checkout's `origin` remote (an ssh remote is given as its https form, which the hub
can clone without a key) and the branch is the checked-out one, unless --repo / --branch say otherwise.
"""
import argparse
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote, urlencode

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_NOTEBOOK = "notebooks/00-start-here.ipynb"


class LinkError(Exception):
    pass


def git(*args) -> str:
    done = subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True)
    return done.stdout.strip() if done.returncode == 0 else ""


def https_url(remote: str) -> str:
    """git@host:owner/name(.git) and ssh://git@host/owner/name -> https://host/owner/name(.git); https unchanged."""
    m = re.fullmatch(r"(?:ssh://)?git@([^:/]+)[:/](.+)", remote)
    if m:
        return f"https://{m.group(1)}/{m.group(2)}"
    if re.match(r"https?://", remote):
        return remote
    raise LinkError(f"the repository {remote!r} is not a URL a hub can clone; give an https URL with REPO=https://...")


def folder_of(repo: str) -> str:
    """The folder to clone into, given to nbgitpuller as targetpath: the repository's name without .git (nbgitpuller's
    own default keeps the .git)."""
    name = repo.rstrip("/").rsplit("/", 1)[-1]
    return name[:-4] if name.endswith(".git") else name


def link(hub: str, repo: str, branch: str, notebook: str = DEFAULT_NOTEBOOK) -> str:
    if not re.fullmatch(r"https?://[^\s/?#]+(/[^\s?#]*)?", hub):
        raise LinkError(f"HUB={hub!r} is not the address of a hub; give it as https://hub.example.edu")
    if not branch:
        raise LinkError("no branch: the checkout is not on a branch; give one with BRANCH=main")
    repo = https_url(repo)
    query = urlencode({"repo": repo, "branch": branch, "targetpath": folder_of(repo),
                       "urlpath": f"lab/tree/{folder_of(repo)}/{notebook}"}, quote_via=quote, safe="")
    return f"{hub.rstrip('/')}/hub/user-redirect/git-pull?{query}"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("hub")
    parser.add_argument("--repo")
    parser.add_argument("--branch")
    parser.add_argument("--notebook", default=DEFAULT_NOTEBOOK)
    args = parser.parse_args(argv)
    repo = args.repo or git("remote", "get-url", "origin")
    branch = args.branch or git("rev-parse", "--abbrev-ref", "HEAD")
    if not repo:
        print("hub-link: this checkout has no `origin` remote; say which repository the hub clones: "
              "make hub-link HUB=... REPO=https://github.com/you/deepnets-course", file=sys.stderr)
        return 2
    try:
        print(link(args.hub, repo, "" if branch == "HEAD" else branch, args.notebook))
    except LinkError as e:
        print(f"hub-link: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
