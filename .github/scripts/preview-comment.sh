#!/usr/bin/env bash
# Create or update a pull request's one preview comment: the comment whose first line is the
# marker below, written by this workflow's bot (GitHub Actions). Usage (with gh's GH_TOKEN, and
# REPOSITORY and NUMBER naming the pull request):
#   .github/scripts/preview-comment.sh COMMENT.md
set -euo pipefail
body="$1"
marker='<!-- stretch-preview -->'
if [ "$(head -n 1 "$body")" != "$marker" ]; then
  echo "$body must start with $marker (the line that finds the comment again)" >&2
  exit 2
fi
ids="$(gh api --paginate "repos/$REPOSITORY/issues/$NUMBER/comments" --jq \
  '.[] | select(.user.login == "github-actions[bot]") | select(.body | startswith("'"$marker"'")) | .id')"
id="${ids%%$'\n'*}"
if [ -n "$id" ]; then
  gh api --method PATCH "repos/$REPOSITORY/issues/comments/$id" -F "body=@$body" > /dev/null
  echo "Updated comment $id on pull request $NUMBER."
else
  gh api --method POST "repos/$REPOSITORY/issues/$NUMBER/comments" -F "body=@$body" > /dev/null
  echo "Commented on pull request $NUMBER."
fi
