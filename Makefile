# Shortcuts for the scripts in tools/ (which run without make on a machine that lacks it).
.PHONY: install demo test test-sqlite test-postgres test-browser serve bench-load

install:        ## .venv with the project and its test tools
	tools/install.sh

demo:           ## install, load the seed edition, print the admin login, run the dev server
	tools/demo.sh

test:           ## the whole suite: PostgreSQL, SQLite (+ Elasticsearch) and browser runs
	tools/test.sh

test-sqlite:
	tools/test.sh sqlite

test-postgres:
	tools/test.sh postgres

test-browser:
	tools/test.sh browser

serve:          ## production: gunicorn + scheduled publishing (needs SECRET_KEY, ALLOWED_HOSTS)
	tools/serve.sh

bench-load:     ## wrk against gunicorn with the archive loaded; prints the table for docs/benchmarks.md
	.venv/bin/python bench/load.py
