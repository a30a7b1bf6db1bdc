# Sourced by the start and test scripts: makes the pinned pnpm available, from the npm registry.
PNPM_VERSION=$(node -p "require('./package.json').packageManager.split('@')[1]")
if [ "$(pnpm --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
  echo "onemap: installing pnpm $PNPM_VERSION with npm" >&2
  if ! npm install --global --silent "pnpm@$PNPM_VERSION" 2>/dev/null; then
    # No permission for a global install: keep pnpm inside the checkout instead.
    npm install --silent --prefix .tools "pnpm@$PNPM_VERSION"
    export PATH="$PWD/.tools/node_modules/.bin:$PATH"
  fi
fi
