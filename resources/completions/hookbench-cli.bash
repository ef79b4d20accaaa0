# bash completion for hookbench-cli                                   -*- shell-script -*-
# SPDX-License-Identifier: GPL-3.0-or-later

_hookbench_cli_providers()
{
    "${COMP_WORDS[0]}" providers 2>/dev/null | while read -r name _; do echo "$name"; done
}

_hookbench_cli()
{
    local cur prev words cword
    _init_completion || return

    local commands="listen verify sign providers secrets export import pattern resend forward"
    local scheme="--header --algorithm --encoding --prefix --template --timestamp-header --id-header"
    if [[ $cword -eq 1 ]]; then
        COMPREPLY=($(compgen -W "$commands --help --version" -- "$cur"))
        return
    fi

    local command=${words[1]}
    case $prev in
        --provider)
            local extra=""
            [[ $command == verify ]] && extra="auto"
            COMPREPLY=($(compgen -W "$(_hookbench_cli_providers) $extra" -- "$cur"))
            return ;;
        --algorithm) COMPREPLY=($(compgen -W "sha1 sha256 sha512" -- "$cur")); return ;;
        --encoding) COMPREPLY=($(compgen -W "hex base64" -- "$cur")); return ;;
        --format)
            local formats="har jsonl raw curl"
            [[ $command == import ]] && formats="har raw jsonl apigw lambda sqs eventbridge cwlogs"
            COMPREPLY=($(compgen -W "$formats" -- "$cur")); return ;;
        --state)
            COMPREPLY=($(compgen -W "queued retrying delivered dead skipped" -- "$cur")); return ;;
        --show)
            COMPREPLY=($(compgen -W "$(_hookbench_cli_providers)" -- "$cur")); return ;;
        --break)
            COMPREPLY=($(compgen -W "stale-timestamp tampered-body missing-header wrong-secret" -- "$cur"))
            return ;;
        --secret-env | --from-env)
            COMPREPLY=($(compgen -v -- "$cur")); return ;;
        --config | --store | --secret-file | -o | --output | --pattern | --event | --body)
            _filedir; return ;;
        --bind | --port | --at | --id | --url | --send | --tolerance | --prefix | --template | \
            --header | --timestamp-header | --id-header | --to | --rule | --endpoint | \
            --account | --region | --remove-header)
            return ;;
    esac

    local options=""
    case $command in
        listen) options="--bind --port --config --store --secret-env --jsonl" ;;
        verify) options="--provider --secret-env --secret-file --tolerance --at --url --json $scheme" ;;
        sign) options="--provider --secret-env --secret-file --at --id --url --header --send --break --tolerance $scheme" ;;
        providers) options="--json --show" ;;
        pattern)
            if [[ $cword -eq 2 ]]; then
                COMPREPLY=($(compgen -W "test" -- "$cur"))
                return
            fi
            options="--pattern --rule --event --store --endpoint --config --account --region --json" ;;
        resend) options="--store --id --to --header --remove-header --body --resign --config" ;;
        forward)
            if [[ $cword -eq 2 ]]; then
                COMPREPLY=($(compgen -W "list retry" -- "$cur"))
                return
            fi
            options="--store --state --json --id --all-dead --config" ;;
        secrets)
            if [[ $cword -eq 2 ]]; then
                COMPREPLY=($(compgen -W "set list delete" -- "$cur"))
                return
            fi
            options="--from-env --from-stdin --config" ;;
        export) options="--store --format --id --filter --redact-secrets --config --secret-env --output" ;;
        import) options="--store --format --config --secret-env" ;;
        *) return ;;
    esac
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$options --help" -- "$cur"))
    elif [[ $command == verify || $command == sign || $command == import ]]; then
        _filedir
    fi
} &&
    complete -F _hookbench_cli hookbench-cli

# ex: filetype=sh
