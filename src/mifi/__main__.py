from mifi.cli import main

raise SystemExit(main())
