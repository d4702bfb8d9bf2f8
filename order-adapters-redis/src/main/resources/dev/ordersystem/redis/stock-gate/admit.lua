local holder = ARGV[1]
if redis.call('HEXISTS', KEYS[5], holder) == 1 then
  return {'taken'}
end
local now = now_ms()
for i = 3, #ARGV, 2 do
  local product, qty = ARGV[i], tonumber(ARGV[i + 1])
  local freeze = redis.call('HGET', KEYS[4], product)
  if freeze then
    local _, untilMs = parse_freeze(freeze)
    if tonumber(untilMs) > now then
      return {'recounting', product}
    end
  end
  local count = redis.call('HGET', KEYS[1], product)
  if count and tonumber(count) < qty then
    return {'soldout', product}
  end
end
local lines, answer = {}, {'held'}
for i = 3, #ARGV, 2 do
  local product, qty = ARGV[i], ARGV[i + 1]
  local counted = '0'
  if redis.call('HEXISTS', KEYS[1], product) == 1 then
    redis.call('HINCRBY', KEYS[1], product, '-' .. qty)
    counted = '1'
  else
    -- Not counted yet: held all the same, so a re-count waits for this placement to end.
    answer[#answer + 1] = product
  end
  redis.call('HINCRBY', KEYS[2], product, 1)
  lines[#lines + 1] = product .. ':' .. qty .. ':' .. counted
end
redis.call('HSET', KEYS[5], holder, table.concat(lines, ','))
redis.call('ZADD', KEYS[6], now + tonumber(ARGV[2]), holder)
return answer
