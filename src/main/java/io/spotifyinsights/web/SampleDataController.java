package io.spotifyinsights.web;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.RestController;

import io.spotifyinsights.history.SampleData;

/** The admin removes the invented sample history before an account connects (it goes by itself then). */
@RestController
class SampleDataController {

    private final SampleData sampleData;

    SampleDataController(SampleData sampleData) {
        this.sampleData = sampleData;
    }

    @DeleteMapping("/api/sample-data")
    ResponseEntity<Void> remove() {
        return sampleData.remove("the admin removed it") ? ResponseEntity.noContent().build()
                : ResponseEntity.notFound().build();
    }
}
