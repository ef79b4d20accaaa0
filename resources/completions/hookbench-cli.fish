# fish completion for hookbench-cli. SPDX-License-Identifier: GPL-3.0-or-later

set -l commands listen verify sign providers secrets export import pattern resend forward
set -l scheme_cmds verify sign

function __hookbench_cli_providers
    hookbench-cli providers 2>/dev/null | string replace -r '\s.*' ''
end

complete -c hookbench-cli -f
complete -c hookbench-cli -n "not __fish_seen_subcommand_from $commands" -l help -d 'Show the help'
complete -c hookbench-cli -n "not __fish_seen_subcommand_from $commands" -l version -d 'Show the version'
complete -c hookbench-cli -n "not __fish_seen_subcommand_from $commands" -a listen -d 'Capture webhook requests on a local HTTP listener'
complete -c hookbench-cli -n "not __fish_seen_subcommand_from $commands" -a verify -d "Verify a request's webhook signature"
complete -c hookbench-cli -n "not __fish_seen_subcommand_from $commands" -a sign -d 'Sign a body as a provider would'
complete -c hookbench-cli -n "not __fish_seen_subcommand_from $commands" -a providers -d 'List the providers'
complete -c hookbench-cli -n "not __fish_seen_subcommand_from $commands" -a secrets -d 'Manage signing secrets in the keychain'
complete -c hookbench-cli -n "not __fish_seen_subcommand_from $commands" -a export -d 'Write stored captures'
complete -c hookbench-cli -n "not __fish_seen_subcommand_from $commands" -a import -d 'Read HAR, raw, JSONL or AWS event files into a store'
complete -c hookbench-cli -n "not __fish_seen_subcommand_from $commands" -a pattern -d "Test an EventBridge rule's pattern"
complete -c hookbench-cli -n "not __fish_seen_subcommand_from $commands" -a resend -d 'Send a stored capture again to a local app'
complete -c hookbench-cli -n "not __fish_seen_subcommand_from $commands" -a forward -d 'List forwards or queue dead ones again'

# listen
complete -c hookbench-cli -n '__fish_seen_subcommand_from listen' -l bind -x -d 'Address to listen on'
complete -c hookbench-cli -n '__fish_seen_subcommand_from listen' -l port -x -d 'Port to listen on'
complete -c hookbench-cli -n '__fish_seen_subcommand_from listen export' -l store -r -F -d 'Capture store'
complete -c hookbench-cli -n '__fish_seen_subcommand_from listen secrets' -l config -r -F -d 'Config file'
complete -c hookbench-cli -n '__fish_seen_subcommand_from listen' -l secret-env -x -d 'ENDPOINT_ID=VAR: secret from a variable'
complete -c hookbench-cli -n '__fish_seen_subcommand_from listen' -l jsonl -d 'Print one JSON object per capture'

# verify and sign
complete -c hookbench-cli -n '__fish_seen_subcommand_from verify' -l provider -x -a '(__hookbench_cli_providers) auto' -d 'Provider'
complete -c hookbench-cli -n '__fish_seen_subcommand_from sign' -l provider -x -a '(__hookbench_cli_providers)' -d 'Provider'
complete -c hookbench-cli -n "__fish_seen_subcommand_from $scheme_cmds" -l secret-env -x -a '(set -n)' -d 'Secret from a variable'
complete -c hookbench-cli -n "__fish_seen_subcommand_from $scheme_cmds" -l secret-file -r -F -d 'Secret from a file'
complete -c hookbench-cli -n "__fish_seen_subcommand_from $scheme_cmds" -l tolerance -x -d 'Tolerance in seconds'
complete -c hookbench-cli -n "__fish_seen_subcommand_from $scheme_cmds" -l at -x -d 'Time as UNIX seconds'
complete -c hookbench-cli -n "__fish_seen_subcommand_from $scheme_cmds" -l url -x -d 'The signed URL'
complete -c hookbench-cli -n "__fish_seen_subcommand_from $scheme_cmds" -l header -x -d 'generic-hmac header (verify) or an extra "Name: value" (sign)'
complete -c hookbench-cli -n "__fish_seen_subcommand_from $scheme_cmds" -l algorithm -x -a 'sha1 sha256 sha512' -d 'generic-hmac: the hash'
complete -c hookbench-cli -n "__fish_seen_subcommand_from $scheme_cmds" -l encoding -x -a 'hex base64' -d 'generic-hmac: the encoding'
complete -c hookbench-cli -n "__fish_seen_subcommand_from $scheme_cmds" -l prefix -x -d 'generic-hmac: text before the signature'
complete -c hookbench-cli -n "__fish_seen_subcommand_from $scheme_cmds" -l template -x -d 'generic-hmac: the signed content'
complete -c hookbench-cli -n "__fish_seen_subcommand_from $scheme_cmds" -l timestamp-header -x -d 'generic-hmac: the timestamp header'
complete -c hookbench-cli -n "__fish_seen_subcommand_from $scheme_cmds" -l id-header -x -d 'generic-hmac: the id header'
complete -c hookbench-cli -n "__fish_seen_subcommand_from $scheme_cmds" -F
complete -c hookbench-cli -n '__fish_seen_subcommand_from verify' -l json -d 'Print the verdict as JSON'
complete -c hookbench-cli -n '__fish_seen_subcommand_from sign' -l id -x -d 'Delivery id'
complete -c hookbench-cli -n '__fish_seen_subcommand_from sign' -l send -x -d 'Send the request to URL'
complete -c hookbench-cli -n '__fish_seen_subcommand_from sign' -l break -x -a 'stale-timestamp tampered-body missing-header wrong-secret' -d 'Spoil the request on purpose'

# providers
complete -c hookbench-cli -n '__fish_seen_subcommand_from providers' -l json -d 'Print a JSON array'
complete -c hookbench-cli -n '__fish_seen_subcommand_from providers' -l show -x -a '(__hookbench_cli_providers)' -d 'Print a provider in the file format'

# pattern
complete -c hookbench-cli -n '__fish_seen_subcommand_from pattern; and not __fish_seen_subcommand_from test' -a test
complete -c hookbench-cli -n '__fish_seen_subcommand_from pattern' -l pattern -r -F -d 'Pattern, template or describe-rule output'
complete -c hookbench-cli -n '__fish_seen_subcommand_from pattern' -l rule -x -d 'The rule to take'
complete -c hookbench-cli -n '__fish_seen_subcommand_from pattern' -l event -r -F -d 'An EventBridge event'
complete -c hookbench-cli -n '__fish_seen_subcommand_from pattern' -l endpoint -x -d 'Only this endpoint'
complete -c hookbench-cli -n '__fish_seen_subcommand_from pattern' -l account -x -d "The event's account"
complete -c hookbench-cli -n '__fish_seen_subcommand_from pattern' -l region -x -d "The event's region"
complete -c hookbench-cli -n '__fish_seen_subcommand_from pattern forward' -l json -d 'Print JSON'

# resend and forward
complete -c hookbench-cli -n '__fish_seen_subcommand_from pattern resend forward' -l store -r -F -d 'Capture store'
complete -c hookbench-cli -n '__fish_seen_subcommand_from pattern resend forward' -l config -r -F -d 'Config file'
complete -c hookbench-cli -n '__fish_seen_subcommand_from resend forward' -l id -x -d 'A capture id'
complete -c hookbench-cli -n '__fish_seen_subcommand_from resend' -l to -x -d 'Send here'
complete -c hookbench-cli -n '__fish_seen_subcommand_from resend' -l resign -d 'Sign again with a fresh timestamp'
complete -c hookbench-cli -n '__fish_seen_subcommand_from resend' -l header -x -d 'Name: value, replaces or adds a header'
complete -c hookbench-cli -n '__fish_seen_subcommand_from resend' -l remove-header -x -d 'Remove every header of this name'
complete -c hookbench-cli -n '__fish_seen_subcommand_from resend' -l body -r -F -d 'Send these bytes as the body (- for stdin)'
complete -c hookbench-cli -n '__fish_seen_subcommand_from forward; and not __fish_seen_subcommand_from list retry' -a 'list retry'
complete -c hookbench-cli -n '__fish_seen_subcommand_from forward' -l state -x -a 'queued retrying delivered dead skipped' -d 'Only this state'
complete -c hookbench-cli -n '__fish_seen_subcommand_from forward' -l all-dead -d 'Every dead forward'

# secrets
complete -c hookbench-cli -n '__fish_seen_subcommand_from secrets; and not __fish_seen_subcommand_from set list delete' -a 'set list delete'
complete -c hookbench-cli -n '__fish_seen_subcommand_from secrets' -l from-env -x -a '(set -n)' -d 'Take the secret from this variable'
complete -c hookbench-cli -n '__fish_seen_subcommand_from secrets' -l from-stdin -d 'Read the secret from stdin'

# export
complete -c hookbench-cli -n '__fish_seen_subcommand_from export' -l format -x -a 'har jsonl raw curl' -d 'Output format'
complete -c hookbench-cli -n '__fish_seen_subcommand_from export' -l filter -x -d 'Only the captures a filter bar query selects'
complete -c hookbench-cli -n '__fish_seen_subcommand_from export' -l redact-secrets -d 'Replace signatures and secrets with [redacted]'
complete -c hookbench-cli -n '__fish_seen_subcommand_from export import' -l secret-env -x -d 'ENDPOINT_ID=VAR: secret from a variable'
complete -c hookbench-cli -n '__fish_seen_subcommand_from export import' -l config -r -F -d 'Config file'
# import
complete -c hookbench-cli -n '__fish_seen_subcommand_from import' -l store -r -F -d 'Capture store'
complete -c hookbench-cli -n '__fish_seen_subcommand_from import' -l format -x -a 'har raw jsonl apigw lambda sqs eventbridge cwlogs' -d 'Input shape'
complete -c hookbench-cli -n '__fish_seen_subcommand_from import' -F -d 'Input file'
complete -c hookbench-cli -n '__fish_seen_subcommand_from export' -l id -x -d 'A capture id'
complete -c hookbench-cli -n '__fish_seen_subcommand_from export' -s o -l output -r -F -d 'Write to FILE'
