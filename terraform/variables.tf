variable "project_id" {
  description = "Google Cloud project that holds the lake bucket, the BigQuery dataset and the service account."
  type        = string
}

variable "region" {
  description = "Default region for regional resources."
  type        = string
  default     = "europe-west1"
}

variable "location" {
  description = "Location of the bucket and the dataset; keep them together so load jobs read the lake without cross-region transfer."
  type        = string
  default     = "EU"
}

variable "bucket_name" {
  description = "Globally unique name of the Cloud Storage bucket used as the lake (raw play CSVs under plays/dt=YYYY-MM-DD/)."
  type        = string
}

variable "dataset_id" {
  description = "BigQuery dataset that holds the plays and top_tracks tables."
  type        = string
  default     = "spotify_insights"
}

variable "service_account_id" {
  description = "Account id (the part before @) of the service account the service runs as."
  type        = string
  default     = "spotify-insights"
}

variable "raw_files_nearline_after_days" {
  description = "Raw CSVs older than this many days move to the cheaper NEARLINE storage class; they are never deleted."
  type        = number
  default     = 30
}
