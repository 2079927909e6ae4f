package io.spotifyinsights.web;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

import io.spotifyinsights.OwnerOnlyFiles;
import io.spotifyinsights.history.ImportService;
import io.spotifyinsights.history.ImportView;
import io.spotifyinsights.history.Listeners;

/** Import Spotify's privacy export: upload it, then follow the import's report. */
@RestController
@Validated
@RequestMapping("/api/imports")
class ImportsController {

    private final ImportService imports;
    private final Listeners listeners;

    ImportsController(ImportService imports, Listeners listeners) {
        this.imports = imports;
        this.listeners = listeners;
    }

    /**
     * Takes the zip as Spotify sends it, or its JSON files, in parts named {@code file}; answers 202 at once with
     * the import's id and where to follow it.
     */
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<ImportView> upload(@RequestParam("file") List<MultipartFile> files,
            @RequestParam(name = "listener", required = false) String listener) throws IOException {
        List<MultipartFile> given = files.stream().filter(file -> !file.isEmpty()).toList();
        if (given.isEmpty()) {
            throw new BadRequestException("The upload holds no file. Send the export in a multipart part named "
                    + "'file' (curl -F file=@my_spotify_data.zip).");
        }
        String listenerId = listeners.resolve(listener);
        ImportService.NewImport prepared = imports.prepare();
        List<ImportService.Source> sources = new ArrayList<>();
        int number = 0;
        for (MultipartFile file : given) {
            Path target = prepared.uploadDir().resolve("%04d".formatted(number++));
            file.transferTo(target);
            OwnerOnlyFiles.restrict(target);
            sources.add(new ImportService.Source(displayName(file.getOriginalFilename(), number), target));
        }
        ImportView started = imports.start(prepared, sources, listenerId);
        return ResponseEntity.accepted().location(URI.create("/api/imports/" + started.id())).body(started);
    }

    @GetMapping
    List<ImportView> list(@RequestParam(defaultValue = "20") @Min(1) @Max(200) int limit) {
        return imports.list(limit);
    }

    @GetMapping("/{id}")
    ImportView get(@PathVariable String id) {
        if (!id.matches("[a-z0-9]{1,40}")) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No import " + id.replaceAll("[^a-z0-9]", "?"));
        }
        return imports.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "No import " + id + ". GET /api/imports lists them."));
    }

    /** The name the person gave the file, without any folder part, as a label only. */
    private static String displayName(String original, int number) {
        if (original == null || original.isBlank()) {
            return "upload-" + number;
        }
        String name = original.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).replaceAll("\\p{Cntrl}", "?");
        return name.length() > 200 ? name.substring(0, 200) : name;
    }
}
