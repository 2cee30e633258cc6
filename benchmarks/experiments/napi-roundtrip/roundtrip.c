// The floor of a native (N-API) redactLine: what it costs to hand a pino line to native code and
// back, with one read of every byte in between. A measurement, not part of hushlog.
#include <node_api.h>

// Lines longer than this are cut (enough for a measurement).
static char buf[1 << 20];

// Copies the call's first argument in as UTF-8 and reads every byte once. Returns the argument;
// `len` gets its length and `acc` the OR of its bytes (so the read cannot be optimized away).
static napi_value read_line(napi_env env, napi_callback_info info, size_t *len, unsigned *acc) {
  size_t argc = 1;
  napi_value args[1];
  napi_get_cb_info(env, info, &argc, args, NULL, NULL);
  napi_get_value_string_utf8(env, args[0], buf, sizeof(buf), len);
  unsigned a = 0;
  for (size_t i = 0; i < *len; i++) a |= (unsigned char)buf[i];
  *acc = a;
  return args[0];
}

// echo(line): copy in, read, and return a new string (a line that was rewritten).
static napi_value Echo(napi_env env, napi_callback_info info) {
  size_t len;
  unsigned acc;
  read_line(env, info, &len, &acc);
  napi_value out;
  napi_create_string_utf8(env, acc == 0xFFFFFFFFu ? "" : buf, len, &out);
  return out;
}

// check(line): copy in, read, and return the line itself (a line with nothing to redact).
static napi_value Check(napi_env env, napi_callback_info info) {
  size_t len;
  unsigned acc;
  napi_value line = read_line(env, info, &len, &acc);
  return acc == 0xFFFFFFFFu ? NULL : line;
}

static napi_value Init(napi_env env, napi_value exports) {
  napi_value f;
  napi_create_function(env, "echo", NAPI_AUTO_LENGTH, Echo, NULL, &f);
  napi_set_named_property(env, exports, "echo", f);
  napi_create_function(env, "check", NAPI_AUTO_LENGTH, Check, NULL, &f);
  napi_set_named_property(env, exports, "check", f);
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, Init)
