package org.hostr;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoIT {
    @TempDir
    Path data;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void demoRunsWithoutConfigAndTheDemoAdminKeyLogsInThroughTheNormalPath() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (DemoEnvironment demo = DemoEnvironment.start(port, data)) {
            String base = demo.url();
            HttpResponse<String> home = send(HttpRequest.newBuilder(URI.create(base + "/")).build());
            assertThat(home.body()).contains("Demo: payments and cPanel accounts are simulated", "Basic", "Standard", "Pro");

            String challenge = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/challenge")).build()).body()
                    .replaceAll(".*\"challenge\":\"([0-9a-f]+)\".*", "$1");
            String event = send(HttpRequest.newBuilder(URI.create(base + "/demo/sign-login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("role=admin&challenge=" + challenge)).build()).body();
            HttpResponse<String> login = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/login"))
                    .header("Authorization", "Nostr " + Base64.getEncoder().encodeToString(event.getBytes(StandardCharsets.UTF_8)))
                    .POST(HttpRequest.BodyPublishers.noBody()).build());
            assertThat(login.statusCode()).isEqualTo(200);
            assertThat(login.body()).contains("\"admin\":true");

            HttpResponse<String> whm = send(HttpRequest.newBuilder(URI.create(demo.whm().baseUrl() + "/json-api/version?api.version=1"))
                    .header("Authorization", "whm root:whm-sim-token").build());
            assertThat(whm.body()).contains("\"result\":1");

            // The customer's whole checkout, paid with the pay page's "simulate payment" button.
            String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
            String csrf = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/me")).header("Cookie", cookie).build()).body()
                    .replaceAll("(?s).*\"csrf_token\":\"([^\"]+)\".*", "$1");
            HttpResponse<String> order = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/orders"))
                    .header("Cookie", cookie).header("X-CSRF-Token", csrf).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"plan\":\"basic\",\"domain\":\"demo-shop.example\"}")).build());
            assertThat(order.statusCode()).as(order.body()).isEqualTo(201);
            String number = order.body().replaceAll("(?s).*\"number\":\"(INV-[0-9-]+)\".*", "$1");
            assertThat(send(HttpRequest.newBuilder(URI.create(base + "/invoices/" + number)).header("Cookie", cookie).build()).body())
                    .contains("Simulate payment (demo)");
            String bolt11 = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/invoices/" + number + "/pay"))
                    .header("Cookie", cookie).header("X-CSRF-Token", csrf).POST(HttpRequest.BodyPublishers.noBody()).build())
                    .body().replaceAll("(?s).*\"bolt11\":\"([^\"]+)\".*", "$1");
            HttpResponse<String> simulated = send(HttpRequest.newBuilder(URI.create(base + "/demo/simulate-payment"))
                    .header("Cookie", cookie).header("X-CSRF-Token", csrf).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("bolt11=" + bolt11)).build());
            assertThat(simulated.statusCode()).isEqualTo(200);
            long until = System.nanoTime() + 20_000_000_000L;
            String status = "";
            while (System.nanoTime() < until && !status.contains("\"status\":\"PAID\"")) {
                Thread.sleep(100);
                status = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/invoices/" + number)).header("Cookie", cookie).build()).body();
            }
            assertThat(status).contains("\"status\":\"PAID\"");

            // The paid order becomes a cPanel account on the simulated WHM, and its owner can read the credentials.
            String me = "";
            while (System.nanoTime() < until + 20_000_000_000L && !me.contains("\"status\":\"ACTIVE\"")) {
                Thread.sleep(100);
                me = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/me")).header("Cookie", cookie).build()).body();
            }
            assertThat(me).contains("\"status\":\"ACTIVE\"", "demo-shop.example");
            String serviceId = me.replaceAll("(?s).*\"services\":\\[\\{\"id\":([0-9]+).*", "$1");
            HttpResponse<String> credentials = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/services/" + serviceId + "/credentials"))
                    .header("Cookie", cookie).build());
            assertThat(credentials.statusCode()).as(credentials.body()).isEqualTo(200);
            assertThat(credentials.body()).contains("\"username\"", "\"password\"");
            assertThat(demo.whm().accountCount()).isEqualTo(1);
        }
        // The same folder starts again with the same secrets and data.
        try (DemoEnvironment again = DemoEnvironment.start(port, data)) {
            assertThat(again.application().database().ready()).isTrue();
        }
    }
}
