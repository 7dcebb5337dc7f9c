-- Frugal's shared budget books, one atomic script per operation (ARGV[1] names it).
-- Amounts are decimal integer strings (pico-dollars, tokens, units, calls). They are only ever
-- added with HINCRBY and compared as strings, never turned into Lua numbers, so they stay exact
-- over the whole signed 64-bit range. Windows come from the server's TIME, never a client clock.
--
-- Keys (one hash tag, so one cluster slot): {P}:books:<scope id>:<window> (hash of u:<dim> used,
-- r:<dim> reserved, c:<dim> = used + reserved, cap:<dim>), {P}:hold:<id> (hash: keys, <dim>...),
-- {P}:leases (sorted set: id -> lease expiry in ms), {P}:done:<id> (settled or recorded ids),
-- {P}:charged:<id> (a hold whose lease expired and was charged as used: keys, <dim>...),
-- {P}:caps:<scope id> (hash of <dim> -> limit: the scope's caps, set by its operator or by the
-- first run that named caps for it).

local op = ARGV[1]
local P = '{' .. ARGV[2] .. '}'
local LEASES = P .. ':leases'
local DONE_TTL = 604800

local t = redis.call('TIME')
local now_ms = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)

local function civil(z)
  z = z + 719468
  local era = math.floor(z / 146097)
  local doe = z - era * 146097
  local yoe = math.floor((doe - math.floor(doe / 1460) + math.floor(doe / 36524)
    - math.floor(doe / 146096)) / 365)
  local y = yoe + era * 400
  local doy = doe - (365 * yoe + math.floor(yoe / 4) - math.floor(yoe / 100))
  local mp = math.floor((5 * doy + 2) / 153)
  local d = doy - math.floor((153 * mp + 2) / 5) + 1
  local m = mp < 10 and mp + 3 or mp - 9
  if m <= 2 then y = y + 1 end
  return y, m, d
end

local function label(window)
  if window == 'none' then return 'all' end
  local y, m, d = civil(math.floor(tonumber(t[1]) / 86400))
  if window == 'day' then return string.format('%04d-%02d-%02d', y, m, d) end
  return string.format('%04d-%02d', y, m)
end

local function ttl(window)
  if window == 'day' then return 3 * 86400 end
  if window == 'month' then return 70 * 86400 end
  return nil
end

-- a <= b for decimal integer strings
local function le(a, b)
  local na, nb = a:sub(1, 1) == '-', b:sub(1, 1) == '-'
  if na ~= nb then return na end
  if na then a, b = b:sub(2), a:sub(2) end
  if #a ~= #b then return #a < #b end
  return a <= b
end

local function neg(a)
  if a:sub(1, 1) == '-' then return a:sub(2) end
  if a == '0' then return a end
  return '-' .. a
end

local function split(s)
  local out = {}
  for k in string.gmatch(s, '[^\n]+') do out[#out + 1] = k end
  return out
end

-- gives a hold's estimate back to its books and forgets the hold
local function give_back(id)
  local hold = P .. ':hold:' .. id
  local fields = redis.call('HGETALL', hold)
  if #fields == 0 then
    redis.call('ZREM', LEASES, id)
    return nil
  end
  local keys
  local dims = {}
  for i = 1, #fields, 2 do
    if fields[i] == 'keys' then keys = split(fields[i + 1])
    else dims[#dims + 1] = { fields[i], fields[i + 1] } end
  end
  for _, key in ipairs(keys) do
    for _, dv in ipairs(dims) do
      redis.call('HINCRBY', key, 'r:' .. dv[1], neg(dv[2]))
      redis.call('HINCRBY', key, 'c:' .. dv[1], neg(dv[2]))
    end
  end
  redis.call('DEL', hold)
  redis.call('ZREM', LEASES, id)
  return keys
end

-- an expired lease: its process ended (or lost Redis) without settling, and the provider may
-- have billed the call, so the hold is charged as used; a later settle replaces the charge
local function charge(id)
  local hold = P .. ':hold:' .. id
  local fields = redis.call('HGETALL', hold)
  redis.call('ZREM', LEASES, id)
  if #fields == 0 then return end
  local keys
  for i = 1, #fields, 2 do
    if fields[i] == 'keys' then keys = split(fields[i + 1]) end
  end
  for _, key in ipairs(keys) do
    for i = 1, #fields, 2 do
      if fields[i] ~= 'keys' then
        redis.call('HINCRBY', key, 'r:' .. fields[i], neg(fields[i + 1]))
        redis.call('HINCRBY', key, 'u:' .. fields[i], fields[i + 1])
      end
    end
  end
  redis.call('RENAME', hold, P .. ':charged:' .. id)
  redis.call('EXPIRE', P .. ':charged:' .. id, DONE_TTL)
end

-- takes back what an expired lease charged (a settle or release now says what was spent)
local function uncharge(id)
  local charged = P .. ':charged:' .. id
  local fields = redis.call('HGETALL', charged)
  if #fields == 0 then return nil end
  local keys
  for i = 1, #fields, 2 do
    if fields[i] == 'keys' then keys = split(fields[i + 1]) end
  end
  for _, key in ipairs(keys) do
    for i = 1, #fields, 2 do
      if fields[i] ~= 'keys' then
        redis.call('HINCRBY', key, 'u:' .. fields[i], neg(fields[i + 1]))
        redis.call('HINCRBY', key, 'c:' .. fields[i], neg(fields[i + 1]))
      end
    end
  end
  redis.call('DEL', charged)
  return keys
end

local function reclaim()
  local expired = redis.call('ZRANGEBYSCORE', LEASES, '-inf', now_ms, 'LIMIT', 0, 100)
  for _, id in ipairs(expired) do charge(id) end
  return #expired
end

local function add_used(keys, dims)
  for _, key in ipairs(keys) do
    for _, dv in ipairs(dims) do
      redis.call('HINCRBY', key, 'u:' .. dv[1], dv[2])
      redis.call('HINCRBY', key, 'c:' .. dv[1], dv[2])
    end
  end
end

-- reads n (dim, amount) pairs from ARGV starting at i
local function read_dims(i)
  local n = tonumber(ARGV[i])
  local dims = {}
  for j = 1, n do dims[j] = { ARGV[i + 2 * j - 1], ARGV[i + 2 * j] } end
  return dims, i + 1 + 2 * n
end

-- reads the scopes: count, then per scope: id, window, caps count, (dim, cap)...
local function read_scopes(i)
  local n = tonumber(ARGV[i])
  i = i + 1
  local scopes = {}
  for j = 1, n do
    local s = { id = ARGV[i], window = ARGV[i + 1], caps = {} }
    local nc = tonumber(ARGV[i + 2])
    for c = 1, nc do s.caps[c] = { ARGV[i + 1 + 2 * c], ARGV[i + 2 + 2 * c] } end
    s.label = label(s.window)
    s.key = P .. ':books:' .. s.id .. ':' .. s.label
    scopes[j] = s
    i = i + 3 + 2 * nc
  end
  return scopes, i
end

if op == 'reserve' then
  -- ARGV: op, prefix, id, lease ms, scopes..., dims...
  local id, lease = ARGV[3], tonumber(ARGV[4])
  reclaim()
  local scopes, i = read_scopes(5)
  local dims = read_dims(i)
  local want = {}
  for _, dv in ipairs(dims) do want[dv[1]] = dv[2] end
  -- the caps each scope is checked against: its stored caps, each possibly lowered by this run;
  -- a run that names a cap the scope lacks, or a higher one, is refused (the operator's caps hold)
  for _, s in ipairs(scopes) do
    local stored = redis.call('HGETALL', P .. ':caps:' .. s.id)
    if #stored == 0 then
      for _, cap in ipairs(s.caps) do redis.call('HSET', P .. ':caps:' .. s.id, cap[1], cap[2]) end
    else
      local limits = {}
      for i = 1, #stored, 2 do limits[stored[i]] = stored[i + 1] end
      for _, cap in ipairs(s.caps) do
        local l = limits[cap[1]]
        if l == nil or not le(cap[2], l) then return { 2, s.id, stored, cap[1], cap[2] } end
        limits[cap[1]] = cap[2]
      end
      s.caps = {}
      for i = 1, #stored, 2 do s.caps[#s.caps + 1] = { stored[i], limits[stored[i]] } end
    end
  end
  for _, s in ipairs(scopes) do
    for _, dv in ipairs(dims) do redis.call('HINCRBY', s.key, 'c:' .. dv[1], dv[2]) end
  end
  for _, s in ipairs(scopes) do
    for _, cap in ipairs(s.caps) do
      local w = want[cap[1]]
      if w ~= nil and w ~= '0' then
        local committed = redis.call('HGET', s.key, 'c:' .. cap[1])
        if not le(committed, cap[2]) then
          for _, s2 in ipairs(scopes) do
            for _, dv in ipairs(dims) do
              redis.call('HINCRBY', s2.key, 'c:' .. dv[1], neg(dv[2]))
            end
          end
          local used = redis.call('HGET', s.key, 'u:' .. cap[1]) or '0'
          return { 0, s.id, s.label, cap[1], w, committed, cap[2], used }
        end
      end
    end
  end
  local keys = {}
  for _, s in ipairs(scopes) do
    for _, dv in ipairs(dims) do redis.call('HINCRBY', s.key, 'r:' .. dv[1], dv[2]) end
    local expiry = ttl(s.window)
    if expiry then redis.call('EXPIRE', s.key, expiry) end
    keys[#keys + 1] = s.key
  end
  local hold = P .. ':hold:' .. id
  local joined = table.concat(keys, '\n')
  redis.call('HSET', hold, 'keys', joined)
  for _, dv in ipairs(dims) do redis.call('HSET', hold, dv[1], dv[2]) end
  redis.call('ZADD', LEASES, now_ms + lease, id)
  return { 1, joined }
elseif op == 'settle' then
  -- ARGV: op, prefix, id, keys joined, dims...
  local id = ARGV[3]
  local done = P .. ':done:' .. id
  if redis.call('EXISTS', done) == 1 then return 0 end
  local keys = give_back(id) or uncharge(id) or split(ARGV[4])
  add_used(keys, (read_dims(5)))
  redis.call('SET', done, '1', 'EX', DONE_TTL)
  return 1
elseif op == 'release' then
  -- ARGV: op, prefix, id
  -- the call was not made or failed unbilled: also takes back what an expired lease charged
  if give_back(ARGV[3]) or uncharge(ARGV[3]) then return 1 end
  return 0
elseif op == 'record' then
  -- ARGV: op, prefix, id, scopes..., dims...
  local done = P .. ':done:' .. ARGV[3]
  if redis.call('EXISTS', done) == 1 then return 0 end
  local scopes, i = read_scopes(4)
  local keys = {}
  for _, s in ipairs(scopes) do
    keys[#keys + 1] = s.key
    local expiry = ttl(s.window)
    if expiry then redis.call('EXPIRE', s.key, expiry) end
  end
  add_used(keys, (read_dims(i)))
  redis.call('SET', done, '1', 'EX', DONE_TTL)
  return 1
elseif op == 'view' then
  -- ARGV: op, prefix, scopes (one)
  reclaim()
  local scopes = read_scopes(3)
  local s = scopes[1]
  return { s.label, redis.call('HGETALL', s.key), redis.call('HGETALL', P .. ':caps:' .. s.id) }
elseif op == 'reset' then
  -- ARGV: op, prefix, scopes (one)
  local scopes = read_scopes(3)
  local key = scopes[1].key
  local fields = redis.call('HGETALL', key)
  for i = 1, #fields, 2 do
    local f = fields[i]
    if f:sub(1, 2) == 'u:' then
      redis.call('HINCRBY', key, 'c:' .. f:sub(3), neg(fields[i + 1]))
      redis.call('HSET', key, f, '0')
    end
  end
  return scopes[1].label
elseif op == 'setcaps' then
  -- ARGV: op, prefix, scopes (one): replaces the scope's caps (its operator's decision)
  local scopes = read_scopes(3)
  local s = scopes[1]
  redis.call('DEL', P .. ':caps:' .. s.id)
  for _, cap in ipairs(s.caps) do redis.call('HSET', P .. ':caps:' .. s.id, cap[1], cap[2]) end
  return s.label
end
return redis.error_reply('unknown operation ' .. tostring(op))
