-- wrk script: POSTs a ~3 KB JSON article with a unique id per request; prints one JSON line of figures.
local counter = 0
local threads = {}
local body_text = string.rep("Delegations met in Astana to discuss the ceasefire and the next round. ", 42)

function setup(thread)
    thread:set("tid", #threads)
    table.insert(threads, thread)
end

function init(args)
    key = os.getenv("BENCH_KEY")
    run = os.getenv("BENCH_RUN") or "r"
end

function request()
    counter = counter + 1
    local id = string.format("%s-t%d-%d", run, tid, counter)
    local body = '{"title":"Article ' .. id .. '","body":"' .. body_text .. '","language":"en","source":"bench"}'
    return wrk.format("PUT", "/v1/articles/" .. id, {
        ["Content-Type"] = "application/json",
        ["Authorization"] = "Bearer " .. key,
    }, body)
end

function done(summary, latency, requests)
    local seconds = summary.duration / 1e6
    local bad = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write
        + summary.errors.timeout
    io.write(string.format('{"requests":%d,"errors":%d,"per_second":%.1f,"p50_ms":%.3f,"p99_ms":%.3f}\n',
        summary.requests, bad, summary.requests / seconds, latency:percentile(50) / 1000,
        latency:percentile(99) / 1000))
end
