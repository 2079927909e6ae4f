package io.spotifyinsights.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.spotifyinsights.warehouse.WarehouseException;

/** A fault inside the service answers with an error id only; the log has the whole story, once. */
@WebMvcTest(controllers = ServerFaultTests.FailingController.class)
@Import({ServerFaultTests.FailingController.class, ApiExceptionHandler.class})
@ExtendWith(OutputCaptureExtension.class)
class ServerFaultTests {

    static final String SECRET_PATH = "/home/listener/data/warehouse/insights.duckdb";

    @RestController
    static class FailingController {
        @GetMapping("/api/failing")
        String fail() {
            throw new WarehouseException("The warehouse " + SECRET_PATH + " could not read plays: IO Error",
                    new java.io.IOException("disk I/O error"));
        }
    }

    @Autowired
    MockMvc mvc;

    @Test
    @WithMockUser
    void aServerFaultAnswersAnErrorIdAndLogsOneStackTraceUnderIt(CapturedOutput output) throws Exception {
        MvcResult result = mvc.perform(get("/api/failing")).andReturn();

        String body = result.getResponse().getContentAsString();
        assertThat(result.getResponse().getStatus()).isEqualTo(500);
        assertThat(result.getResponse().getContentType()).startsWith("application/problem+json");
        assertThat(body).doesNotContain(SECRET_PATH).doesNotContain("IO Error").doesNotContain("Exception");
        String errorId = body.replaceAll(".*\"errorId\":\"([0-9a-f]{8})\".*", "$1");
        assertThat(errorId).matches("[0-9a-f]{8}");
        assertThat(body).contains("error " + errorId);
        assertThat(output.getOut().lines().filter(line -> line.contains("Error " + errorId + " answering GET /api/failing")))
                .hasSize(1);
        assertThat(output.getOut()).contains(SECRET_PATH, "at io.spotifyinsights.web.ServerFaultTests");
    }
}
