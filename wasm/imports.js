// The functions the host provides to the standalone module (imported from
// "env"): declared here so the link knows them; the page and the tests pass
// the real ones at instantiation (web/src/wasm.js).
mergeInto(LibraryManager.library, {
  // The host's clock in milliseconds (performance.now()), for tala_profile.
  tala_now_ms: function () { return 0; },
});
