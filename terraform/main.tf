# The lake: raw CSVs of every run, kept for good. The original pipeline deleted them after 14 days; here they only
# move to a cheaper storage class, and versioning keeps any object that is ever replaced or deleted.
resource "google_storage_bucket" "lake" {
  name                        = var.bucket_name
  location                    = var.location
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  force_destroy               = false

  versioning {
    enabled = true
  }

  lifecycle_rule {
    condition {
      age                   = var.raw_files_nearline_after_days
      matches_storage_class = ["STANDARD"]
    }
    action {
      type          = "SetStorageClass"
      storage_class = "NEARLINE"
    }
  }
}

resource "google_bigquery_dataset" "insights" {
  dataset_id                 = var.dataset_id
  location                   = var.location
  description                = "Spotify Insights: every play once (plays), podcast episodes (episodes) and the top ten per listener (top_tracks)."
  delete_contents_on_destroy = false
}

# Columns come from schema.json, the one list of a play's columns; the service loads with the same file.
resource "google_bigquery_table" "plays" {
  dataset_id          = google_bigquery_dataset.insights.dataset_id
  table_id            = "plays"
  description         = "Every play of every listener, once (key: unique_id)."
  schema              = file("${path.module}/../schema.json")
  deletion_protection = true

  time_partitioning {
    type  = "DAY"
    field = "played_at"
  }

  clustering = ["listener_id", "track_id"]
}

# Podcast episodes and audiobook chapters from imported privacy exports, apart from music plays; columns from
# episodes.schema.json, which the service loads with too.
resource "google_bigquery_table" "episodes" {
  dataset_id          = google_bigquery_dataset.insights.dataset_id
  table_id            = "episodes"
  description         = "Every podcast episode and audiobook chapter each listener played, once (key: unique_id)."
  schema              = file("${path.module}/../episodes.schema.json")
  deletion_protection = true

  time_partitioning {
    type  = "DAY"
    field = "played_at"
  }

  clustering = ["listener_id", "show_name"]
}

# What is known of each track (names, length, audio features and their provider), from the features backfill;
# columns from tracks.schema.json. The service copies the features to the tracks' plays.
resource "google_bigquery_table" "tracks" {
  dataset_id          = google_bigquery_dataset.insights.dataset_id
  table_id            = "tracks"
  description         = "One row per track: its audio features and which provider gave them (key: track_id)."
  schema              = file("${path.module}/../tracks.schema.json")
  deletion_protection = true

  clustering = ["track_id"]
}

# The Spark job overwrites this table and sets its columns (those of the TopTrack record), so no schema is declared
# here. The service creates two small tables itself on first use: lake_loads (which lake objects it loaded) and
# warehouse_state (when plays changed and the top ten was computed); the data editor role below allows that.
resource "google_bigquery_table" "top_tracks" {
  dataset_id          = google_bigquery_dataset.insights.dataset_id
  table_id            = "top_tracks"
  description         = "Each listener's ten most played tracks over all time, recomputed whenever it is older than the plays."
  deletion_protection = false
}

resource "google_service_account" "service" {
  account_id   = var.service_account_id
  display_name = "Spotify Insights service"
  description  = "Runs the Spotify Insights pipeline: writes raw CSVs to the lake, loads and reads BigQuery."
}

# Lake: create objects (never overwrite: uploads use a does-not-exist precondition) and read them back.
resource "google_storage_bucket_iam_member" "lake_object_creator" {
  bucket = google_storage_bucket.lake.name
  role   = "roles/storage.objectCreator"
  member = "serviceAccount:${google_service_account.service.email}"
}

resource "google_storage_bucket_iam_member" "lake_object_viewer" {
  bucket = google_storage_bucket.lake.name
  role   = "roles/storage.objectViewer"
  member = "serviceAccount:${google_service_account.service.email}"
}

# BigQuery: edit the tables of this dataset only.
resource "google_bigquery_dataset_iam_member" "data_editor" {
  dataset_id = google_bigquery_dataset.insights.dataset_id
  role       = "roles/bigquery.dataEditor"
  member     = "serviceAccount:${google_service_account.service.email}"
}

# Load, query and MERGE jobs run in the project; BigQuery grants job creation only at project level.
resource "google_project_iam_member" "job_user" {
  project = var.project_id
  role    = "roles/bigquery.jobUser"
  member  = "serviceAccount:${google_service_account.service.email}"
}

# The spark-bigquery connector reads plays through the BigQuery Storage Read API.
resource "google_project_iam_member" "read_session_user" {
  project = var.project_id
  role    = "roles/bigquery.readSessionUser"
  member  = "serviceAccount:${google_service_account.service.email}"
}
