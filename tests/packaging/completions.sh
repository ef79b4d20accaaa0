#!/usr/bin/env bash
# Shell completion for hookbench-cli: the zsh and fish files parse; the bash one, loaded into
# bash-completion, completes commands, options, providers (asked of the built hookbench-cli)
# and option values.  Usage: completions.sh COMPLETIONS_DIR HOOKBENCH_CLI_DIR
set -euo pipefail
. "$(dirname "$0")/lib.sh"
need zsh zsh
need fish fish
dir=$1
export PATH="$2:$PATH"
zsh -n "$dir/_hookbench-cli" && echo "ok: zsh parses _hookbench-cli"
fish --no-execute "$dir/hookbench-cli.fish" && echo "ok: fish parses hookbench-cli.fish"

framework=/usr/share/bash-completion/bash_completion
[[ -f $framework ]] || { echo "FAIL: $framework not found: install Debian's bash-completion" >&2; exit 1; }
bash -c '
    set -u
    . "$1" >/dev/null 2>&1; . "$2"
    failed=0
    expect() { # expect WORD "COMMAND LINE..." : COMPREPLY for the last word contains WORD
        local want=$1; shift
        COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
        COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
        COMPREPLY=()
        _hookbench_cli hookbench-cli "${COMP_WORDS[-1]}" "${COMP_WORDS[-2]}"
        if printf "%s\n" "${COMPREPLY[@]}" | grep -qx -- "$want"; then
            echo "ok: [$*] offers $want"
        else
            echo "FAIL: [$*] offers [${COMPREPLY[*]}], not $want" >&2; failed=1
        fi
    }
    expect verify hookbench-cli ver
    expect --provider hookbench-cli verify --pro
    expect stripe hookbench-cli verify --provider str
    expect auto hookbench-cli verify --provider a
    expect github hookbench-cli sign --provider git
    expect --send hookbench-cli sign --se
    expect tampered-body hookbench-cli sign --break tam
    expect jsonl hookbench-cli export --format j
    expect curl hookbench-cli export --format cu
    expect cwlogs hookbench-cli import --format cw
    expect eventbridge hookbench-cli import --format ev
    expect delete hookbench-cli secrets del
    expect --jsonl hookbench-cli listen --js
    expect sha256 hookbench-cli verify --algorithm sha2
    expect --show hookbench-cli providers --sh
    expect dead hookbench-cli forward list --state de
    expect --resign hookbench-cli resend --res
    expect --remove-header hookbench-cli resend --remove
    expect test hookbench-cli pattern te
    # Every command hookbench-cli offers is completed.
    for command in $(hookbench-cli --help | sed -n "s/^  \([a-z]\+\) .*/\1/p"); do
        expect "$command" hookbench-cli "$command"
    done
    exit $failed
' bash "$framework" "$dir/hookbench-cli.bash"
