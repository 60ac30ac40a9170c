"""`python -m respub.publish`: build the site aside and swap it into `site/` (see respub.publish.build)."""

from respub.publish.build import main

main()
