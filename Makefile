# indicateurs-mifi : deux commandes pour l'utilisateur, `make run` et `make test`.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := aide

PYTHON_SYSTEME ?= python3
VENV := $(CURDIR)/.venv
PY := $(VENV)/bin/python
DBT := $(VENV)/bin/dbt
SQLFLUFF := $(VENV)/bin/sqlfluff
INSTALLE := $(VENV)/.installe

# Télémétrie coupée partout (dbt, Great Expectations, autres outils).
export DO_NOT_TRACK := 1
export DBT_SEND_ANONYMOUS_USAGE_STATS := false
export GX_ANALYTICS_ENABLED := false
export DBT_PROFILES_DIR := $(CURDIR)
export PYTHONPATH := $(CURDIR)/src

# Contrat de configuration (voir README) : valeurs par défaut de la démonstration.
DATE_EXTRACTION ?= 2026-10-31
export MIFI_EXTRAITS_DIR ?= $(CURDIR)/donnees/extraits_demo
export MIFI_DUCKDB_PATH ?= $(CURDIR)/donnees/entrepot/mifi.duckdb
# Données de test : petite échelle, sans bruit probabiliste, dans un entrepôt à part.
EXTRAITS_TEST := $(CURDIR)/donnees/extraits_test
DUCKDB_TEST := $(CURDIR)/donnees/entrepot/test.duckdb
VARS := '{date_extraction: "$(DATE_EXTRACTION)"}'
# Traitement de nuit : dossier publié (lu par Power BI) et dossier de travail.
NUIT_PUBLICATION ?= $(CURDIR)/donnees/publication
NUIT_TRAVAIL ?= $(CURDIR)/donnees/travail

.PHONY: aide installer run nuit outils-systeme test qualite pytest dbt-test lint extraits-demo extraits-test docs nettoyer \
	postgres-installer spark-installer bench

aide:
	@echo "make run   : installe si besoin, génère les extraits de démonstration, construit et documente"
	@echo "make test  : installe si besoin, puis ruff et mypy, pytest, dbt build sur les données de test, sqlfluff lint"
	@echo "make bench : banc d'essai de performance (DuckDB échelles 1 et 10, PostgreSQL échelle 1)"

installer: $(INSTALLE)

$(INSTALLE): pyproject.toml constraints.txt
	@test -x $(PY) || $(PYTHON_SYSTEME) -m venv $(VENV)
	@# Installation éditable du paquet mifi (src/) avec les dépendances déclarées dans
	@# pyproject.toml (extra spark compris : cible Spark et son test de parité), aux versions
	@# figées par constraints.txt; installe aussi la commande mifi.
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[spark]' -c constraints.txt
	@# Ancien fichier .pth (installations d'avant pyproject.toml) : remplacé par l'installation éditable.
	@rm -f "$$($(PY) -c "import sysconfig; print(sysconfig.get_paths()['purelib'])")/mifi-src.pth"
	@touch $(INSTALLE)

extraits-demo: $(INSTALLE)
	@if [ -f "$(MIFI_EXTRAITS_DIR)/verite.json" ]; then \
		echo "Extraits de démonstration présents : $(MIFI_EXTRAITS_DIR)"; \
	else \
		$(PY) -m mifi generer --sortie "$(MIFI_EXTRAITS_DIR)" --echelle 1 --graine 42 \
			--date-extraction $(DATE_EXTRACTION) --bruit realiste; \
	fi

extraits-test: $(INSTALLE)
	@if [ -f "$(EXTRAITS_TEST)/verite.json" ]; then \
		echo "Extraits de test présents : $(EXTRAITS_TEST)"; \
	else \
		$(PY) -m mifi generer --sortie "$(EXTRAITS_TEST)" --echelle 0.05 --graine 7 \
			--date-extraction $(DATE_EXTRACTION) --bruit aucun; \
	fi

run: $(INSTALLE) extraits-demo nuit

# Traitement de nuit (README, « make nuit ») : valider les extraits, dbt build sur un entrepôt
# de travail, documentation, puis publication atomique si aucun test bloquant n'échoue.
nuit: $(INSTALLE)
	$(PY) -m mifi nuit --extraits "$(MIFI_EXTRAITS_DIR)" --publication "$(NUIT_PUBLICATION)" \
		--travail "$(NUIT_TRAVAIL)" --date-extraction $(DATE_EXTRACTION)

# Outils système des tests : Chromium sans interface (test du site de documentation).
# Idempotent : rien à faire s'il est présent; installé par apt-get si on est root (CI).
outils-systeme:
	@if command -v chromium >/dev/null 2>&1; then \
		echo "Chromium présent : $$(command -v chromium)"; \
	elif [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installation de Chromium (test du site de documentation)..."; \
		{ DEBIAN_FRONTEND=noninteractive apt-get update -qq \
			&& DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; } \
		|| echo "Avertissement : installation de Chromium impossible; le test du site de documentation sera sauté."; \
	else \
		echo "Avertissement : Chromium absent (installation : root et apt-get); le test du site de documentation sera sauté."; \
	fi

# Serveur PostgreSQL (test de parité DuckDB/PostgreSQL, banc d'essai) : installé par apt-get
# s'il manque et qu'on est root (CI); sinon le test de parité est ignoré avec un message.
postgres-installer: $(INSTALLE)
	@if $(PY) -c "import sys; from mifi.chargement_postgres import dossier_binaires_postgres as d; sys.exit(0 if d() else 1)"; then \
		true; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installation de PostgreSQL (apt-get install postgresql)..."; \
		export DEBIAN_FRONTEND=noninteractive; \
		apt-get install -y -q --no-install-recommends postgresql >/dev/null 2>&1 \
			|| { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q --no-install-recommends postgresql >/dev/null 2>&1; } \
			|| echo "PostgreSQL n'a pas pu être installé : le test de parité sera ignoré."; \
	else \
		echo "PostgreSQL absent et non installable ici (ni root ni apt-get) : le test de parité sera ignoré."; \
	fi

# Java (JRE) pour Spark en mode local (test de parité DuckDB/Spark) : installé par apt-get
# s'il manque et qu'on est root (CI); sinon le test de parité Spark est ignoré avec un message.
spark-installer: $(INSTALLE)
	@if $(PY) -c "import sys; from mifi.chargement_spark import java_disponible as j; sys.exit(0 if j() else 1)"; then \
		true; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installation de Java pour Spark (apt-get install openjdk-17-jre-headless)..."; \
		export DEBIAN_FRONTEND=noninteractive; \
		apt-get install -y -q --no-install-recommends openjdk-17-jre-headless >/dev/null 2>&1 \
			|| { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q --no-install-recommends openjdk-17-jre-headless >/dev/null 2>&1; } \
			|| echo "Java n'a pas pu être installé : le test de parité Spark sera ignoré."; \
	else \
		echo "Java absent et non installable ici (ni root ni apt-get) : le test de parité Spark sera ignoré."; \
	fi

# Qualité du code Python (configuration dans pyproject.toml) : ruff sur le paquet et les tests,
# mypy sur src/mifi. Lancé par make test avant pytest : échoue vite.
qualite: $(INSTALLE)
	$(VENV)/bin/ruff check src tests_python
	$(VENV)/bin/mypy

pytest: $(INSTALLE) postgres-installer spark-installer
	$(PY) -m pytest

dbt-test: $(INSTALLE) extraits-test
	@mkdir -p "$(dir $(DUCKDB_TEST))"
	MIFI_EXTRAITS_DIR="$(EXTRAITS_TEST)" MIFI_DUCKDB_PATH="$(DUCKDB_TEST)" \
		$(DBT) build --vars $(VARS) --target-path target/test

lint: $(INSTALLE)
	$(SQLFLUFF) lint models tests analyses snapshots

test: $(INSTALLE) outils-systeme qualite pytest dbt-test lint

# Banc d'essai de performance : extraits mis en cache dans bench/cache, résultats dans
# bench/resultats.json et BENCHMARKS.md. Options : BENCH_OPTIONS="--executions-1 3 --executions-10 1".
BENCH_OPTIONS ?=
bench: $(INSTALLE) postgres-installer
	$(PY) -m mifi bench $(BENCH_OPTIONS)

nettoyer:
	rm -rf target logs donnees/entrepot donnees/extraits_test donnees/spark
