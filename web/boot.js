// Starts the web app. A page opened directly starts fetching its chunk (its code, split off from
// the main module) now, beside the main module, instead of after it: the app's chunk loader then
// finds the files already on their way. Prefixes as routed in web/src/lib.rs. `cargo xtask web`
// fills in the file names and writes this file under a name with a hash of its content.
var chunks = {{chunks}};
var routes = [["/serious-breach", "registers"], ["/commitments", "registers"],
  ["/penalties", "registers"], ["/licences", "registers"], ["/search", "search"],
  ["/org/", "search"], ["/check", "search"], ["/login", "login"], ["/me", "me"], ["/work", "work"],
  ["/objection", "cases"], ["/repair", "cases"], ["/track", "cases"], ["/complaint", "complaint"]];
var path = location.pathname;
for (var i = 0; i < routes.length; i++) {
  if (path.indexOf(routes[i][0]) === 0) {
    (chunks[routes[i][1]] || []).forEach(function (href) {
      var link = document.createElement("link");
      link.rel = "preload";
      link.as = "fetch";
      link.type = "application/wasm";
      link.crossOrigin = "anonymous";
      link.href = href;
      document.head.appendChild(link);
    });
    break;
  }
}
// A public list opened directly asks for its first page now, while the WebAssembly downloads;
// the app takes this answer instead of asking again.
var lists = { "/serious-breach": 1, "/commitments": 1, "/penalties": 1, "/licences": 1 };
if (lists[path] && !location.search) {
  var url = "/api/v1/public" + path;
  window.cxPrefetch = { url: url, response: fetch(url, { cache: "no-cache" }) };
}
import("{{js}}").then(function (app) {
  app.default({ module_or_path: "{{wasm}}" });
});
