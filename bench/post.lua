-- wrk script: every request is a keep-alive POST of a JSON body of BODY_BYTES bytes (default 2048)
-- with Content-Type: application/json, like a typical webhook delivery.
local size = tonumber(os.getenv("BODY_BYTES") or "2048")
local head = '{"id":"evt_bench","type":"invoice.paid","object":"event","data":{"note":"'
local tail = '"}}'
local pad = size - #head - #tail
if pad < 0 then pad = 0 end

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["User-Agent"] = "hookbench-ingest-bench"
wrk.body = head .. string.rep("x", pad) .. tail
