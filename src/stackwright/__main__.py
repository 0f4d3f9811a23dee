from stackwright.cli import main

main()
