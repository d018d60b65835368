from uncac_needs.cli import main

raise SystemExit(main())
