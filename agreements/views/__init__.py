"""The pages of step 4: the agreement and its versions, drafting, annexes, workflow, documents, library."""
