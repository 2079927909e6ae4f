output "gcp_project" {
  description = "Set as INSIGHTS_GCP_PROJECT."
  value       = var.project_id
}

output "lake_bucket" {
  description = "Set as INSIGHTS_LAKE_GCS_BUCKET."
  value       = google_storage_bucket.lake.name
}

output "bigquery_dataset" {
  description = "Set as INSIGHTS_WAREHOUSE_BIGQUERY_DATASET."
  value       = google_bigquery_dataset.insights.dataset_id
}

output "bigquery_location" {
  description = "Where the dataset lives; BigQuery jobs run there."
  value       = google_bigquery_dataset.insights.location
}

output "service_account_email" {
  description = "The service runs as this account: create a key for it (gcloud iam service-accounts keys create) or attach it to the VM / workload."
  value       = google_service_account.service.email
}
