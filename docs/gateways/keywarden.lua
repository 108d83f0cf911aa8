-- Keywarden forward auth for HAProxy 2.6+ (which has no native forward auth):
--   http-request lua.keywarden <forward-auth URL>
-- asks Keywarden about the request's key and leaves the answer in transaction variables for
-- haproxy.cfg to act on: txn.keywarden_status (0 when Keywarden cannot be reached),
-- txn.keywarden_code, txn.keywarden_retry_after and the identity (txn.keywarden_account,
-- _access_id, _owner, _scopes, _binding).
local credentials = { "authorization", "apikey", "x-access-id", "x-secret-key" }
local answers = {
  code = "x-keywarden-code", retry_after = "retry-after", account = "x-keywarden-account",
  access_id = "x-keywarden-access-id", owner = "x-keywarden-owner",
  scopes = "x-keywarden-scopes", binding = "x-keywarden-binding",
}

local function first(values)
  if values == nil then return nil end
  return values[0] or values[1]
end

core.register_action("keywarden", { "http-req" }, function(txn, url)
  local presented = txn.http:req_get_headers()
  local headers = { ["x-real-ip"] = { txn.f:src() } }
  for _, name in ipairs(credentials) do
    local value = first(presented[name])
    if value ~= nil then headers[name] = { value } end
  end
  local ok, response = pcall(function()
    return core.httpclient():get({ url = url, headers = headers, timeout = 15000 })
  end)
  local status = 0
  if ok and response ~= nil and response.status ~= nil then status = response.status end
  txn:set_var("txn.keywarden_status", status)
  if status == 0 then return end
  for var, header in pairs(answers) do
    local value = first(response.headers[header])
    if value ~= nil then txn:set_var("txn.keywarden_" .. var, value) end
  end
end, 1)
